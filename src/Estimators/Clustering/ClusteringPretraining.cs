using Microsoft.ML;
using Microsoft.ML.Data;
using MLNet.Autoencoders.Transforms;
using MLNet.Autoencoders.Transforms.Networks;

namespace MLNet.Autoencoders.Estimators.Clustering;

/// <summary>
/// The autoencoder the clustering estimator pre-trains, described as the options and network of the existing estimators
/// (dense, or convolutional when an image shape is given), so the shared fitting procedure trains it.
/// </summary>
internal static class ClusteringPretraining
{
    /// <summary>Inputs of at least this many features get two hidden layers by default.</summary>
    private const int WideInput = 64;

    /// <summary>min(10, max(2, d / 2)): a code narrower than the input (wider ones learn the identity), at most IDEC's 10.</summary>
    public static int LatentDimension(AutoencoderClusteringOptions options, int inputSize) =>
        options.LatentDimension ?? Math.Min(AutoencoderClusteringDefaults.MaxLatentDimension, Math.Max(2, inputSize / 2));

    /// <summary>The dense encoder's hidden layers: the option, or [256, 128] for 64 features or more, else one layer of max(16, 4 x latent).</summary>
    public static int[] HiddenLayers(AutoencoderClusteringOptions options, int inputSize, int latent) =>
        options.HiddenLayers ?? (inputSize >= WideInput ? [256, 128] : [Math.Max(16, 4 * latent)]);

    /// <summary>The batch size option, or the largest power of two up to rows / 20 within [16, 256].</summary>
    public static int BatchSize(AutoencoderClusteringOptions options, int rows)
    {
        if (options.BatchSize is { } size)
            return size;
        int batch = AutoencoderClusteringDefaults.MinBatchSize;
        while (batch * 2 <= Math.Min(AutoencoderClusteringDefaults.MaxBatchSize, rows / AutoencoderClusteringDefaults.MinBatchesPerEpoch))
            batch *= 2;
        return batch;
    }

    /// <summary>The target update interval option, or IDEC's 140 batches rounded up to whole epochs of <paramref name="rows"/> rows.</summary>
    public static int TargetUpdateInterval(AutoencoderClusteringOptions options, int rows, int batchSize)
    {
        int batchesPerEpoch = (rows + batchSize - 1) / batchSize;
        return options.TargetUpdateInterval ?? Math.Max(1, (AutoencoderClusteringDefaults.TargetUpdateBatches + batchesPerEpoch - 1) / batchesPerEpoch);
    }

    /// <summary>
    /// The options of the pre-training fit: this estimator's training settings on the feature column, in memory (the
    /// clustering phase needs every row's target), with the seed resolved and progress reported as pre-training.
    /// </summary>
    public static AutoencoderTrainingOptions Options(AutoencoderClusteringOptions options, int inputSize, int rows, int seed)
    {
        int latent = LatentDimension(options, inputSize);
        AutoencoderTrainingOptions pretraining = options.ImageShape is { } image
            ? new ConvolutionalAutoencoderOptions { ImageShape = image, Channels = options.Channels, Activation = options.Activation, OutputActivation = OutputActivation.Identity }
            : new AutoencoderOptions { HiddenLayers = HiddenLayers(options, inputSize, latent), Activation = options.Activation, OutputActivation = OutputActivation.Identity };
        pretraining.InputColumnName = options.FeatureColumnName;
        pretraining.LatentDimension = latent;
        pretraining.Epochs = options.PretrainingEpochs;
        pretraining.BatchSize = BatchSize(options, rows);
        pretraining.LearningRate = options.LearningRate;
        pretraining.Scaling = options.Scaling;
        pretraining.ValidationFraction = options.ValidationFraction;
        pretraining.EarlyStoppingPatience = options.EarlyStoppingPatience;
        pretraining.DataMode = TrainingDataMode.InMemory;
        pretraining.Seed = seed;
        pretraining.NumberOfThreads = options.NumberOfThreads;
        pretraining.ScoringBatchSize = options.ScoringBatchSize;
        pretraining.CancellationToken = options.CancellationToken;
        if (options.EpochCompleted is { } report)
            pretraining.EpochCompleted = loss => report(new ClusteringEpochLoss(ClusteringPhase.Pretraining, loss, null));
        return pretraining;
    }

    /// <summary>The network <paramref name="pretraining"/> describes for the feature <paramref name="column"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The column does not hold images of the declared shape, or the blocks do not fit it.</exception>
    public static NetworkArchitecture Architecture(AutoencoderTrainingOptions pretraining, DataViewSchema.Column column)
    {
        int inputSize = ((VectorDataViewType)column.Type).Size;
        if (pretraining is ConvolutionalAutoencoderOptions convolutional)
            return ConvolutionalAutoencoderEstimator.ArchitectureFor(ConvolutionalInputShape.Resolve(column, convolutional), convolutional);
        var dense = (AutoencoderOptions)pretraining;
        var encoder = dense.HiddenLayers!;
        return new DenseArchitecture(inputSize, encoder, dense.LatentDimension, encoder.Reverse().ToArray(), dense.Activation, dense.OutputActivation);
    }
}
