using System.Globalization;
using MLNet.Autoencoders.Estimators.Training;
using MLNet.Autoencoders.Transforms.Clustering;

namespace MLNet.Autoencoders.Estimators.Clustering;

/// <summary>Checks <see cref="AutoencoderClusteringOptions"/> once, up front, with the option's name, the rule and the bad value.</summary>
internal static class AutoencoderClusteringOptionsValidation
{
    public static void Validate(AutoencoderClusteringOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        AutoencoderOptionsValidation.RequireName(options.FeatureColumnName, nameof(options.FeatureColumnName));
        AutoencoderOptionsValidation.RequireName(options.ScoreColumnName, nameof(options.ScoreColumnName));
        AutoencoderOptionsValidation.RequireName(options.PredictedLabelColumnName, nameof(options.PredictedLabelColumnName));
        AutoencoderOptionsValidation.RequireName(options.LatentColumnName, nameof(options.LatentColumnName));
        if (options.SoftAssignmentColumnName is not null)
            AutoencoderOptionsValidation.RequireName(options.SoftAssignmentColumnName, nameof(options.SoftAssignmentColumnName));
        string?[] outputs = [options.ScoreColumnName, options.PredictedLabelColumnName, options.LatentColumnName, options.SoftAssignmentColumnName];
        var named = outputs.OfType<string>().ToArray();
        if (named.Distinct(StringComparer.Ordinal).Count() != named.Length)
            throw new ArgumentException($"The output column names must differ. Got score '{outputs[0]}', predicted label '{outputs[1]}', latent '{outputs[2]}', soft assignment '{outputs[3]}'.", nameof(options));

        if (options.NumberOfClusters is < 2 or > ClusterCentres.MaxClusters)
            throw OutOfRange(nameof(options.NumberOfClusters), options.NumberOfClusters, $"must be at least 2 (and at most {ClusterCentres.MaxClusters:N0})");
        if (!(options.ClusteringWeight >= 0) || !float.IsFinite(options.ClusteringWeight))
            throw OutOfRange(nameof(options.ClusteringWeight), options.ClusteringWeight, "must be zero or a positive finite number");
        if (options.TargetUpdateInterval is { } interval)
            AutoencoderOptionsValidation.RequirePositive(interval, nameof(options.TargetUpdateInterval));
        if (!(options.Tolerance >= 0 && options.Tolerance < 1))
            throw OutOfRange(nameof(options.Tolerance), options.Tolerance, "must be in [0, 1)");
        if (options.LatentDimension is { } latent)
            AutoencoderOptionsValidation.RequireLatentDimension(latent, nameof(options.LatentDimension));
        AutoencoderOptionsValidation.RequireLayers(options.HiddenLayers, nameof(options.HiddenLayers));
        if (options.ImageShape is { IsValid: false } image)
            throw OutOfRange(nameof(options.ImageShape), image, "must have positive channels, height and width");
        if (options.Channels is null || options.Channels.Length == 0)
            throw new ArgumentException($"'{nameof(options.Channels)}' must hold at least one block. Got {(options.Channels is null ? "null" : "an empty array")}.", nameof(options.Channels));
        AutoencoderOptionsValidation.RequireLayers(options.Channels, nameof(options.Channels));
        AutoencoderOptionsValidation.RequireDefined(options.Activation, nameof(options.Activation));
        AutoencoderOptionsValidation.RequireDefined(options.Scaling, nameof(options.Scaling));
        AutoencoderOptionsValidation.RequirePositive(options.PretrainingEpochs, nameof(options.PretrainingEpochs));
        if (options.ClusteringEpochs < 0)
            throw OutOfRange(nameof(options.ClusteringEpochs), options.ClusteringEpochs, "must be zero (k-means on the pre-trained codes only) or positive");
        if (options.BatchSize is { } batchSize)
            AutoencoderOptionsValidation.RequirePositive(batchSize, nameof(options.BatchSize));
        if (!(options.LearningRate > 0) || !float.IsFinite(options.LearningRate))
            throw OutOfRange(nameof(options.LearningRate), options.LearningRate, "must be a positive finite number");
        if (!(options.ValidationFraction >= 0 && options.ValidationFraction < 1))
            throw OutOfRange(nameof(options.ValidationFraction), options.ValidationFraction, "must be in [0, 1)");
        if (options.EarlyStoppingPatience < 0)
            throw OutOfRange(nameof(options.EarlyStoppingPatience), options.EarlyStoppingPatience, "must be zero (off) or positive");
        AutoencoderOptionsValidation.RequirePositive(options.KMeansInitializations, nameof(options.KMeansInitializations));
        AutoencoderOptionsValidation.RequirePositive(options.ScoringBatchSize, nameof(options.ScoringBatchSize));
        if (options.NumberOfThreads is { } threads && threads <= 0)
            throw OutOfRange(nameof(options.NumberOfThreads), threads, "must be positive when set");
        TrainingThreads.Validate(options.NumberOfThreads, nameof(options.NumberOfThreads));
    }

    /// <summary>Checks k against the rows the data holds, once they are read.</summary>
    public static void RequireClustersFit(int clusters, int rows)
    {
        if (clusters > rows)
            throw OutOfRange(nameof(AutoencoderClusteringOptions.NumberOfClusters), clusters, $"must be at most the number of training rows ({rows})");
    }

    private static ArgumentOutOfRangeException OutOfRange(string option, object value, string rule) =>
        new(option, value, $"'{option}' {rule}. Got {Convert.ToString(value, CultureInfo.InvariantCulture)}.");
}
