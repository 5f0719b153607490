using System.Globalization;
using MLNet.Autoencoders.Estimators.Training;

namespace MLNet.Autoencoders.Estimators.AnomalyDetection;

/// <summary>Checks <see cref="AutoencoderAnomalyOptions"/> once, up front, with the option's name, the rule and the bad value.</summary>
internal static class AutoencoderAnomalyOptionsValidation
{
    public static void Validate(AutoencoderAnomalyOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        AutoencoderOptionsValidation.RequireName(options.FeatureColumnName, nameof(options.FeatureColumnName));
        AutoencoderOptionsValidation.RequireName(options.ScoreColumnName, nameof(options.ScoreColumnName));
        AutoencoderOptionsValidation.RequireName(options.PredictedLabelColumnName, nameof(options.PredictedLabelColumnName));
        if (options.FeatureErrorsColumnName is not null)
            AutoencoderOptionsValidation.RequireName(options.FeatureErrorsColumnName, nameof(options.FeatureErrorsColumnName));
        string?[] outputs = [options.ScoreColumnName, options.PredictedLabelColumnName, options.FeatureErrorsColumnName];
        var named = outputs.OfType<string>().ToArray();
        if (named.Distinct(StringComparer.Ordinal).Count() != named.Length)
            throw new ArgumentException($"The output column names must differ. Got score '{outputs[0]}', predicted label '{outputs[1]}', feature errors '{outputs[2]}'.", nameof(options));

        if (!(options.Contamination >= 0 && options.Contamination <= AutoencoderAnomalyDefaults.MaxContamination))
            throw OutOfRange(nameof(options.Contamination), options.Contamination, $"must be in [0, {AutoencoderAnomalyDefaults.MaxContamination.ToString(CultureInfo.InvariantCulture)}]");
        if (options.Threshold is { } threshold && !float.IsFinite(threshold))
            throw OutOfRange(nameof(options.Threshold), threshold, "must be a finite number when set");
        AutoencoderOptionsValidation.RequirePositive(options.EnsembleSize, nameof(options.EnsembleSize));
        if (options.EnsembleSize > AutoencoderAnomalyDefaults.MaxEnsembleSize)
            throw OutOfRange(nameof(options.EnsembleSize), options.EnsembleSize, $"must be at most {AutoencoderAnomalyDefaults.MaxEnsembleSize}, the most networks a saved detector holds");
        if (options.NumberOfNeighbors < 0)
            throw OutOfRange(nameof(options.NumberOfNeighbors), options.NumberOfNeighbors, "must be zero (reconstruction error alone) or positive");
        if (options.NeighborSampleSize > AutoencoderAnomalyDefaults.MaxNeighborSampleSize || options.NeighborSampleSize < Math.Max(1, options.NumberOfNeighbors))
            throw OutOfRange(nameof(options.NeighborSampleSize), options.NeighborSampleSize,
                $"must be in [{Math.Max(1, options.NumberOfNeighbors)}, {AutoencoderAnomalyDefaults.MaxNeighborSampleSize}] (at least NumberOfNeighbors, {options.NumberOfNeighbors})");
        if (options.LatentDimension is { } latent)
            AutoencoderOptionsValidation.RequireLatentDimension(latent, nameof(options.LatentDimension));
        AutoencoderOptionsValidation.RequireLayers(options.HiddenLayers, nameof(options.HiddenLayers));
        AutoencoderOptionsValidation.RequireDefined(options.Activation, nameof(options.Activation));
        AutoencoderOptionsValidation.RequireDefined(options.Scaling, nameof(options.Scaling));
        AutoencoderOptionsValidation.RequirePositive(options.Epochs, nameof(options.Epochs));
        if (options.MaximumStepsPerNetwork is { } steps)
            AutoencoderOptionsValidation.RequirePositive(steps, nameof(options.MaximumStepsPerNetwork));
        AutoencoderOptionsValidation.RequirePositive(options.BatchSize, nameof(options.BatchSize));
        AutoencoderOptionsValidation.RequirePositive(options.ScoringBatchSize, nameof(options.ScoringBatchSize));
        if (!(options.LearningRate > 0) || !float.IsFinite(options.LearningRate))
            throw OutOfRange(nameof(options.LearningRate), options.LearningRate, "must be a positive finite number");
        if (!(options.WeightDecay >= 0) || !float.IsFinite(options.WeightDecay))
            throw OutOfRange(nameof(options.WeightDecay), options.WeightDecay, "must be zero or a positive finite number");
        if (!(options.ValidationFraction >= 0 && options.ValidationFraction < 1))
            throw OutOfRange(nameof(options.ValidationFraction), options.ValidationFraction, "must be in [0, 1)");
        if (options.EarlyStoppingPatience < 0)
            throw OutOfRange(nameof(options.EarlyStoppingPatience), options.EarlyStoppingPatience, "must be zero (off) or positive");
        AutoencoderOptionsValidation.RequireDefined(options.DataMode, nameof(options.DataMode));
        AutoencoderOptionsValidation.RequirePositive(options.InMemoryBudgetMegabytes, nameof(options.InMemoryBudgetMegabytes));
        AutoencoderOptionsValidation.RequirePositive(options.StreamingBufferRows, nameof(options.StreamingBufferRows));
        if (options.NumberOfThreads is { } threads && threads <= 0)
            throw OutOfRange(nameof(options.NumberOfThreads), threads, "must be positive when set");
        TrainingThreads.Validate(options.NumberOfThreads, nameof(options.NumberOfThreads));
    }

    private static ArgumentOutOfRangeException OutOfRange(string option, object value, string rule) =>
        new(option, value, $"'{option}' {rule}. Got {Convert.ToString(value, CultureInfo.InvariantCulture)}.");
}
