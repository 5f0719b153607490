using MLNet.Autoencoders.Estimators.Training;
using MLNet.Autoencoders.Transforms.Networks;
using MLNet.Autoencoders.Transforms;

namespace MLNet.Autoencoders.Estimators;

/// <summary>Checks <see cref="AutoencoderOptions"/> once, up front, with the option's name, the rule and the bad value.</summary>
internal static class AutoencoderOptionsValidation
{
    /// <summary>Checks the dense estimator's options: the shared ones and the layer sizes and activation.</summary>
    public static void Validate(AutoencoderOptions options)
    {
        ValidateCommon(options);
        RequireLayers(options.HiddenLayers, nameof(options.HiddenLayers));
        RequireLayers(options.DecoderHiddenLayers, nameof(options.DecoderHiddenLayers));
        RequireDefined(options.Activation, nameof(options.Activation));
        RequireDefined(options.OutputActivation, nameof(options.OutputActivation));
    }

    /// <summary>Checks the variational estimator's options: the shared ones, the layer sizes and activation, beta and the log-variance column.</summary>
    public static void Validate(VariationalAutoencoderOptions options)
    {
        ValidateCommon(options);
        RequireLayers(options.HiddenLayers, nameof(options.HiddenLayers));
        RequireLayers(options.DecoderHiddenLayers, nameof(options.DecoderHiddenLayers));
        RequireDefined(options.Activation, nameof(options.Activation));
        RequireDefined(options.OutputActivation, nameof(options.OutputActivation));
        ValidateVariational(options, options.Beta, options.LatentLogVarianceColumnName);
    }

    /// <summary>The largest <c>Beta</c> or <c>SparsityWeight</c>: beyond it the penalty alone is trained.</summary>
    public const float MaximumPenaltyWeight = 1000;

    /// <summary>The largest Gaussian <c>NoiseLevel</c>, a standard deviation in scaled units.</summary>
    public const float MaximumGaussianNoise = 100;

    /// <summary>
    /// Checks what every variational estimator adds to <paramref name="options"/>: <paramref name="beta"/> ("Beta") and the
    /// log-variance column <paramref name="latentLogVarianceColumnName"/> ("LatentLogVarianceColumnName").
    /// </summary>
    public static void ValidateVariational(AutoencoderTrainingOptions options, float beta, string latentLogVarianceColumnName)
    {
        const string Beta = nameof(VariationalAutoencoderOptions.Beta);
        const string LatentLogVarianceColumnName = nameof(VariationalAutoencoderOptions.LatentLogVarianceColumnName);
        if (!(beta >= 0) || !(beta <= MaximumPenaltyWeight))
            throw new ArgumentOutOfRangeException(Beta, beta, $"'{Beta}' must be in [0, {MaximumPenaltyWeight}]: the reconstruction term is about 1 per feature in scaled units, so a larger weight only trains the KL term. Got {beta}.");
        RequireName(latentLogVarianceColumnName, LatentLogVarianceColumnName);
        var others = new[] { options.LatentColumnName, options.ReconstructionColumnName, options.ReconstructionErrorColumnName }
            .Concat(options.TreatNaNAsMissing ? [options.ImputedColumnName] : []);
        if (others.Contains(latentLogVarianceColumnName, StringComparer.Ordinal))
            throw new ArgumentException($"'{LatentLogVarianceColumnName}' must differ from the other output column names. Got '{latentLogVarianceColumnName}'.", nameof(options));
    }

    /// <summary>Checks the options every autoencoder estimator shares.</summary>
    public static void ValidateCommon(AutoencoderTrainingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        RequireName(options.InputColumnName, nameof(options.InputColumnName));
        RequireName(options.LatentColumnName, nameof(options.LatentColumnName));
        RequireName(options.ReconstructionColumnName, nameof(options.ReconstructionColumnName));
        RequireName(options.ReconstructionErrorColumnName, nameof(options.ReconstructionErrorColumnName));
        var outputs = new[] { options.LatentColumnName, options.ReconstructionColumnName, options.ReconstructionErrorColumnName };
        if (outputs.Distinct(StringComparer.Ordinal).Count() != outputs.Length)
            throw new ArgumentException($"The output column names must differ. Got latent '{outputs[0]}', reconstruction '{outputs[1]}', error '{outputs[2]}'.", nameof(options));
        if (options.TreatNaNAsMissing)
        {
            RequireName(options.ImputedColumnName, nameof(options.ImputedColumnName));
            if (outputs.Contains(options.ImputedColumnName, StringComparer.Ordinal))
                throw new ArgumentException($"'{nameof(options.ImputedColumnName)}' must differ from the other output column names. Got '{options.ImputedColumnName}'.", nameof(options));
        }

        if (options.PairedTargetColumnName is not null)
            ValidateTarget(options);
        RequireLatentDimension(options.LatentDimension, nameof(options.LatentDimension));
        RequireDefined(options.Scaling, nameof(options.Scaling));
        RequirePositive(options.Epochs, nameof(options.Epochs));
        RequirePositive(options.BatchSize, nameof(options.BatchSize));
        RequirePositive(options.ScoringBatchSize, nameof(options.ScoringBatchSize));
        if (!(options.LearningRate > 0) || !float.IsFinite(options.LearningRate))
            throw new ArgumentOutOfRangeException(nameof(options.LearningRate), options.LearningRate, $"'{nameof(options.LearningRate)}' must be a positive finite number. Got {options.LearningRate}.");
        if (!(options.WeightDecay >= 0) || !float.IsFinite(options.WeightDecay))
            throw new ArgumentOutOfRangeException(nameof(options.WeightDecay), options.WeightDecay, $"'{nameof(options.WeightDecay)}' must be zero or a positive finite number. Got {options.WeightDecay}.");
        if (!(options.ValidationFraction >= 0 && options.ValidationFraction < 1))
            throw new ArgumentOutOfRangeException(nameof(options.ValidationFraction), options.ValidationFraction, $"'{nameof(options.ValidationFraction)}' must be in [0, 1). Got {options.ValidationFraction}.");
        RequireDefined(options.Noise, nameof(options.Noise));
        if (options.Noise != NoiseKind.None)
        {
            bool isFraction = options.Noise != NoiseKind.Gaussian;
            if (!(options.NoiseLevel > 0) || !(options.NoiseLevel <= (isFraction ? 1 : MaximumGaussianNoise)))
                throw new ArgumentOutOfRangeException(nameof(options.NoiseLevel), options.NoiseLevel,
                    $"'{nameof(options.NoiseLevel)}' must be {(isFraction ? "in (0, 1]" : $"in (0, {MaximumGaussianNoise}] (a standard deviation in scaled units; more leaves no signal to denoise)")} for {options.Noise} noise. Got {options.NoiseLevel}.");
        }
        if (!(options.SparsityWeight >= 0) || !(options.SparsityWeight <= MaximumPenaltyWeight))
            throw new ArgumentOutOfRangeException(nameof(options.SparsityWeight), options.SparsityWeight, $"'{nameof(options.SparsityWeight)}' must be in [0, {MaximumPenaltyWeight}]: the reconstruction term is about 1 per feature in scaled units, so a larger weight only trains the penalty. Got {options.SparsityWeight}.");
        if (options.EarlyStoppingPatience < 0)
            throw new ArgumentOutOfRangeException(nameof(options.EarlyStoppingPatience), options.EarlyStoppingPatience, $"'{nameof(options.EarlyStoppingPatience)}' must be zero (off) or positive. Got {options.EarlyStoppingPatience}.");
        RequireDefined(options.DataMode, nameof(options.DataMode));
        RequirePositive(options.InMemoryBudgetMegabytes, nameof(options.InMemoryBudgetMegabytes));
        RequirePositive(options.StreamingBufferRows, nameof(options.StreamingBufferRows));
        if (options.NumberOfThreads is { } threads && threads <= 0)
            throw new ArgumentOutOfRangeException(nameof(options.NumberOfThreads), threads, $"'{nameof(options.NumberOfThreads)}' must be positive when set. Got {threads}.");
        TrainingThreads.Validate(options.NumberOfThreads, nameof(options.NumberOfThreads));
    }

    /// <summary>Checks a paired target column: a name, not the input itself, and not with missing-value handling.</summary>
    private static void ValidateTarget(AutoencoderTrainingOptions options)
    {
        const string TargetColumnName = nameof(AutoencoderOptions.TargetColumnName);
        string target = options.PairedTargetColumnName!;
        RequireName(target, TargetColumnName);
        if (target == options.InputColumnName)
            throw new ArgumentException($"'{TargetColumnName}' must differ from '{nameof(options.InputColumnName)}': leave it null to reconstruct the input. Got '{target}' for both.", TargetColumnName);
        if (options.TreatNaNAsMissing)
            throw new ArgumentException($"'{TargetColumnName}' ('{target}') cannot be combined with '{nameof(options.TreatNaNAsMissing)}': imputation fills the input from its own reconstruction, and a model with a target reconstructs another column.", TargetColumnName);
    }

    internal static void RequireName(string? name, string option)
    {
        if (string.IsNullOrWhiteSpace(name))
            throw new ArgumentException($"'{option}' must name a column. Got {(name is null ? "null" : $"'{name}'")}.", option);
    }

    internal static void RequirePositive(int value, string option)
    {
        if (value <= 0)
            throw new ArgumentOutOfRangeException(option, value, $"'{option}' must be positive. Got {value}.");
    }

    /// <summary>A latent size from 1 to <see cref="NetworkArchitecture.MaxSize"/>, the largest layer a saved model may declare.</summary>
    internal static void RequireLatentDimension(int value, string option)
    {
        RequirePositive(value, option);
        if (value > NetworkArchitecture.MaxSize)
            throw new ArgumentOutOfRangeException(option, value, $"'{option}' must be at most {NetworkArchitecture.MaxSize}, the largest layer a saved model holds. Got {value}.");
    }

    internal static void RequireLayers(int[]? sizes, string option)
    {
        if (sizes is null)
            return;
        // The limits a saved model is read back with: a network that could not be loaded is rejected before training.
        if (sizes.Length > NetworkArchitecture.MaxLayers)
            throw new ArgumentOutOfRangeException(option, sizes.Length, $"'{option}' may hold at most {NetworkArchitecture.MaxLayers} layers. Got {sizes.Length}.");
        for (int i = 0; i < sizes.Length; i++)
        {
            if (sizes[i] is <= 0 or > NetworkArchitecture.MaxSize)
                throw new ArgumentOutOfRangeException(option, sizes[i], $"'{option}' must hold layer sizes from 1 to {NetworkArchitecture.MaxSize}. Got {sizes[i]} at index {i}.");
        }
    }

    internal static void RequireDefined<TEnum>(TEnum value, string option) where TEnum : struct, Enum
    {
        if (!Enum.IsDefined(value))
            throw new ArgumentOutOfRangeException(option, value, $"'{option}' must be one of {string.Join(", ", Enum.GetNames<TEnum>())}. Got {value}.");
    }
}
