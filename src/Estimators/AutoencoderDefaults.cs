using MLNet.Autoencoders.Transforms;

namespace MLNet.Autoencoders.Estimators;

/// <summary>
/// Default values shared by <see cref="AutoencoderOptions"/> and the catalog's simple overload, so that
/// the two cannot drift apart.
/// </summary>
public static class AutoencoderDefaults
{
    /// <summary>Default input column: "Features".</summary>
    public const string InputColumnName = "Features";

    /// <summary>Default latent column: "Latent".</summary>
    public const string LatentColumnName = "Latent";

    /// <summary>Default reconstruction column: "Reconstruction".</summary>
    public const string ReconstructionColumnName = "Reconstruction";

    /// <summary>Default reconstruction-error column: "ReconstructionError".</summary>
    public const string ReconstructionErrorColumnName = "ReconstructionError";

    /// <summary>Default latent dimension: 8.</summary>
    public const int LatentDimension = 8;

    /// <summary>Default number of epochs: 100.</summary>
    public const int Epochs = 100;

    /// <summary>Default mini-batch size: 64.</summary>
    public const int BatchSize = 64;

    /// <summary>Default Adam learning rate: 0.001.</summary>
    public const float LearningRate = 1e-3f;

    /// <summary>Default L2 weight decay: 0.</summary>
    public const float WeightDecay = 0f;

    /// <summary>Default activation: <see cref="Activation.Relu"/>.</summary>
    public const Activation Activation = Transforms.Activation.Relu;

    /// <summary>Default output activation: <see cref="OutputActivation.Identity"/>.</summary>
    public const OutputActivation OutputActivation = Transforms.OutputActivation.Identity;

    /// <summary>Default input scaling: <see cref="InputScaling.Standardize"/>.</summary>
    public const InputScaling Scaling = InputScaling.Standardize;

    /// <summary>Default validation fraction: 0.1.</summary>
    public const float ValidationFraction = 0.1f;

    /// <summary>Default early-stopping patience: 10 epochs.</summary>
    public const int EarlyStoppingPatience = 10;

    /// <summary>Default noise: <see cref="NoiseKind.None"/>.</summary>
    public const NoiseKind Noise = NoiseKind.None;

    /// <summary>Default noise level: 0.1.</summary>
    public const float NoiseLevel = 0.1f;

    /// <summary>Default sparsity weight: 0 (off).</summary>
    public const float SparsityWeight = 0f;

    /// <summary>Default imputed column: "Imputed" (added only when NaN is treated as missing).</summary>
    public const string ImputedColumnName = "Imputed";

    /// <summary>Default for treating NaN as a missing value: <see langword="false"/> (NaN in training data is an error).</summary>
    public const bool TreatNaNAsMissing = false;

    /// <summary>Default latent log-variance column of a variational autoencoder: "LatentLogVariance".</summary>
    public const string LatentLogVarianceColumnName = "LatentLogVariance";

    /// <summary>Default weight of a variational autoencoder's KL term (beta): 1, the standard evidence lower bound.</summary>
    public const float Beta = 1f;

    /// <summary>Default scoring batch size: 1024 rows per forward pass.</summary>
    public const int ScoringBatchSize = 1024;

    /// <summary>Default training data mode: <see cref="TrainingDataMode.Auto"/> (in memory unless the data is larger than the budget).</summary>
    public const TrainingDataMode DataMode = TrainingDataMode.Auto;

    /// <summary>Default in-memory budget for <see cref="TrainingDataMode.Auto"/>: 1024 MB of training values.</summary>
    public const int InMemoryBudgetMegabytes = 1024;

    /// <summary>Default shuffle buffer (and validation sample) of streaming training: 65,536 rows.</summary>
    public const int StreamingBufferRows = 65_536;
}
