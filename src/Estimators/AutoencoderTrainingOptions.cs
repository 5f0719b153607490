using MLNet.Autoencoders.Transforms;

namespace MLNet.Autoencoders.Estimators;

/// <summary>
/// The settings every autoencoder estimator shares: the columns, the latent size, and how the network is
/// trained. <see cref="AutoencoderOptions"/> and the other estimators' options add the network's shape.
/// </summary>
public abstract class AutoencoderTrainingOptions
{
    /// <summary>The known-size vector of <see cref="float"/> to encode. Default is "Features".</summary>
    public string InputColumnName { get; set; } = AutoencoderDefaults.InputColumnName;

    /// <summary>The output column for the latent code. Default is "Latent".</summary>
    public string LatentColumnName { get; set; } = AutoencoderDefaults.LatentColumnName;

    /// <summary>The output column for the reconstruction, in the input's units. Default is "Reconstruction".</summary>
    public string ReconstructionColumnName { get; set; } = AutoencoderDefaults.ReconstructionColumnName;

    /// <summary>The output column for the per-row mean squared reconstruction error, in the input's units. Default is "ReconstructionError".</summary>
    public string ReconstructionErrorColumnName { get; set; } = AutoencoderDefaults.ReconstructionErrorColumnName;

    /// <summary>
    /// The size of the latent code. Default is 8. It may equal or exceed the input size (an overcomplete
    /// code); the network can then learn the identity, so the error column is only meaningful if that is intended.
    /// </summary>
    public int LatentDimension { get; set; } = AutoencoderDefaults.LatentDimension;

    /// <summary>The maximum number of passes over the training rows. Default is 100.</summary>
    public int Epochs { get; set; } = AutoencoderDefaults.Epochs;

    /// <summary>The number of rows per gradient step. Default is 64.</summary>
    public int BatchSize { get; set; } = AutoencoderDefaults.BatchSize;

    /// <summary>The Adam learning rate. Default is 0.001.</summary>
    public float LearningRate { get; set; } = AutoencoderDefaults.LearningRate;

    /// <summary>The L2 weight decay of the Adam optimizer. Default is 0.</summary>
    public float WeightDecay { get; set; } = AutoencoderDefaults.WeightDecay;

    /// <summary>
    /// The corruption applied to inputs while training, for a denoising autoencoder; the loss compares the
    /// reconstruction with the clean input, and scoring never adds noise (the reconstruction column is the
    /// denoised input). Default is <see cref="NoiseKind.None"/>.
    /// </summary>
    public NoiseKind Noise { get; set; } = AutoencoderDefaults.Noise;

    /// <summary>
    /// The amount of <see cref="Noise"/>: the standard deviation for <see cref="NoiseKind.Gaussian"/> (in scaled units),
    /// the fraction of values for <see cref="NoiseKind.Masking"/> and <see cref="NoiseKind.SaltAndPepper"/>. Default is 0.1.
    /// </summary>
    public float NoiseLevel { get; set; } = AutoencoderDefaults.NoiseLevel;

    /// <summary>
    /// The weight of an L1 penalty on the latent activations, mean |latent|, added to the loss for a sparse
    /// autoencoder; each epoch reports it as the "sparsity" term. Default is 0 (off).
    /// </summary>
    public float SparsityWeight { get; set; } = AutoencoderDefaults.SparsityWeight;

    /// <summary>
    /// Whether NaN in the input column is a missing value rather than an error. Default is <see langword="false"/>:
    /// NaN in the training data throws, naming the column, row and feature. When <see langword="true"/>, the scaling
    /// statistics skip missing values; before the encoder each missing value is filled with its feature's mean over the
    /// observed training values (stored in the model); the training loss is the mean squared error over the observed
    /// entries only (masked loss); the reconstruction error column averages over a row's observed features; and the
    /// transformer adds <see cref="ImputedColumnName"/>, the input with each NaN replaced by the reconstruction.
    /// Combine with <see cref="Noise"/> = <see cref="NoiseKind.Masking"/> (masked-autoencoder training) to hide a random
    /// <see cref="NoiseLevel"/> fraction of the observed entries in every batch, filled like missing ones, so that the
    /// network learns to fill gaps. Infinities are always an error.
    /// </summary>
    public bool TreatNaNAsMissing { get; set; } = AutoencoderDefaults.TreatNaNAsMissing;

    /// <summary>
    /// The output column for the input with its missing (NaN) entries replaced by the reconstruction, in the input's
    /// units; added only when <see cref="TreatNaNAsMissing"/> is on. Default is "Imputed".
    /// </summary>
    public string ImputedColumnName { get; set; } = AutoencoderDefaults.ImputedColumnName;

    /// <summary>How inputs are rescaled before training and scoring; the statistics are stored in the model. Default is <see cref="InputScaling.Standardize"/>.</summary>
    public InputScaling Scaling { get; set; } = AutoencoderDefaults.Scaling;

    /// <summary>
    /// The fraction of rows held out to measure validation loss, in [0, 1). Default is 0.1. With a
    /// validation set, training stops early when the validation loss has not improved for
    /// <see cref="EarlyStoppingPatience"/> epochs, and the best epoch's weights are kept. When the
    /// fraction leaves no row to validate on (tiny data), training uses every row and runs all epochs.
    /// </summary>
    public float ValidationFraction { get; set; } = AutoencoderDefaults.ValidationFraction;

    /// <summary>Epochs without validation improvement before training stops; 0 disables early stopping. Default is 10.</summary>
    public int EarlyStoppingPatience { get; set; } = AutoencoderDefaults.EarlyStoppingPatience;

    /// <summary>
    /// How fitting reads the training rows. Default is <see cref="TrainingDataMode.Auto"/>: in memory, unless the data view
    /// reports a row count whose values would exceed <see cref="InMemoryBudgetMegabytes"/>, then streamed.
    /// <see cref="TrainingDataMode.Streaming"/> trains on data larger than memory: one pass learns the scaling (and the
    /// missing-value fill), then each epoch reads the data view once more through a shuffle buffer of
    /// <see cref="StreamingBufferRows"/> rows. Its validation rows are a seeded sample chosen by row id (about
    /// <see cref="ValidationFraction"/> of the rows, at most <see cref="StreamingBufferRows"/>), held in memory and
    /// skipped by the epochs. Row order differs from in-memory training, so the two modes give different (comparable) models.
    /// </summary>
    public TrainingDataMode DataMode { get; set; } = AutoencoderDefaults.DataMode;

    /// <summary>
    /// The size, in megabytes of training values (rows × features × 4 bytes, twice that with <see cref="TreatNaNAsMissing"/>),
    /// above which <see cref="TrainingDataMode.Auto"/> streams instead of reading the rows into memory. Default is 1024.
    /// Materialising takes about 1.5 times this at its peak (the values as one native tensor, a copy of the validation rows,
    /// each batch's activations): 1.1 GB above the process's baseline for 732 MB of values (3 million rows of 64 features)
    /// in the streaming benchmark.
    /// </summary>
    public int InMemoryBudgetMegabytes { get; set; } = AutoencoderDefaults.InMemoryBudgetMegabytes;

    /// <summary>
    /// The number of rows in the shuffle buffer of streaming training, and the most validation rows it holds.
    /// Default is 65,536. Each epoch draws batches at random from the buffer as the cursor refills it (on top of the
    /// cursor's own shuffling when the data view can shuffle); larger buffers shuffle better and use more memory
    /// (rows × features × 4 bytes, twice that with <see cref="TreatNaNAsMissing"/>). Ignored in memory.
    /// </summary>
    public int StreamingBufferRows { get; set; } = AutoencoderDefaults.StreamingBufferRows;

    /// <summary>
    /// The seed for weight initialisation, the validation split, shuffling and noise. Default is
    /// <see langword="null"/>: drawn from the <c>MLContext</c>'s random source, so <c>new MLContext(seed: 1)</c>
    /// gives the same model every run.
    /// </summary>
    public int? Seed { get; set; }

    /// <summary>
    /// The number of threads TorchSharp uses for intra-op parallelism while fitting. Default is
    /// <see langword="null"/>: TorchSharp's default (all cores). The setting is process-wide in libtorch;
    /// the previous value is restored after fitting.
    /// </summary>
    public int? NumberOfThreads { get; set; }

    /// <summary>The number of rows a fitted transformer scores per forward pass. Default is 1024.</summary>
    public int ScoringBatchSize { get; set; } = AutoencoderDefaults.ScoringBatchSize;

    /// <summary>
    /// Stops fitting (within one batch) with <see cref="OperationCanceledException"/> when cancelled. Default is
    /// <see cref="CancellationToken.None"/>. Unlike the other options, which the estimator copies when it is created,
    /// the token is read from this object each time <c>Fit</c> starts, so it may be replaced between fits of one estimator.
    /// </summary>
    public CancellationToken CancellationToken { get; set; }

    /// <summary>
    /// Called after every epoch with its losses, on the fitting thread. Default is <see langword="null"/>. Like
    /// <see cref="CancellationToken"/>, read from this object each time <c>Fit</c> starts.
    /// </summary>
    public Action<EpochLoss>? EpochCompleted { get; set; }

    /// <summary>The paired target column of the estimators that have one (see <see cref="AutoencoderOptions.TargetColumnName"/>); <see langword="null"/> otherwise.</summary>
    internal virtual string? PairedTargetColumnName => null;

    /// <summary>
    /// A deep copy of these options (arrays included), which the estimator keeps and validates so that changing this
    /// object after creating the estimator changes nothing but <see cref="CancellationToken"/> and <see cref="EpochCompleted"/>.
    /// </summary>
    internal virtual AutoencoderTrainingOptions Snapshot() => (AutoencoderTrainingOptions)MemberwiseClone();

    /// <summary>A copy of <paramref name="snapshot"/> with this object's current <see cref="CancellationToken"/> and <see cref="EpochCompleted"/>: the options one fit uses.</summary>
    internal T ForFit<T>(T snapshot) where T : AutoencoderTrainingOptions
    {
        var options = (T)snapshot.Snapshot();
        options.CancellationToken = CancellationToken;
        options.EpochCompleted = EpochCompleted;
        return options;
    }
}
