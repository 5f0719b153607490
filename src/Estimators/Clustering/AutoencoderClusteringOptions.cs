using MLNet.Autoencoders.Transforms;
using MLNet.Autoencoders.Transforms.Networks;

namespace MLNet.Autoencoders.Estimators.Clustering;

/// <summary>
/// Options for <see cref="AutoencoderClusteringEstimator"/>: the columns, the number of clusters, the clustering objective,
/// the autoencoder's shape and how both phases are trained.
/// </summary>
public sealed class AutoencoderClusteringOptions
{
    /// <summary>The known-size vector of <see cref="float"/> to cluster. Default is "Features".</summary>
    public string FeatureColumnName { get; set; } = AutoencoderClusteringDefaults.FeatureColumnName;

    /// <summary>The output column for the squared latent-space distances to the k centres (a vector of <see cref="float"/> of size k). Default is "Score".</summary>
    public string ScoreColumnName { get; set; } = AutoencoderClusteringDefaults.ScoreColumnName;

    /// <summary>The output column for the nearest centre (a key of k values, cluster ids 1 to k). Default is "PredictedLabel".</summary>
    public string PredictedLabelColumnName { get; set; } = AutoencoderClusteringDefaults.PredictedLabelColumnName;

    /// <summary>The output column for the latent code. Default is "Latent".</summary>
    public string LatentColumnName { get; set; } = AutoencoderClusteringDefaults.LatentColumnName;

    /// <summary>
    /// The output column for the Student-t soft assignment to each cluster (a vector of <see cref="float"/> of size k that sums
    /// to 1: DEC's q), or <see langword="null"/> for none. Default is <see langword="null"/>.
    /// </summary>
    public string? SoftAssignmentColumnName { get; set; }

    /// <summary>k, the number of clusters, at least 2 and at most the number of rows. Default is 5.</summary>
    public int NumberOfClusters { get; set; } = AutoencoderClusteringDefaults.NumberOfClusters;

    /// <summary>
    /// γ, the weight of the clustering term KL(P‖Q) against the reconstruction error (IDEC); 0 keeps the k-means centres of
    /// the pre-trained codes fixed in meaning while the autoencoder trains on. Default is 0.1.
    /// </summary>
    public float ClusteringWeight { get; set; } = AutoencoderClusteringDefaults.ClusteringWeight;

    /// <summary>
    /// Every how many clustering epochs the target distribution P is recomputed over all rows (and the change of
    /// assignments checked against <see cref="Tolerance"/>). Default is <see langword="null"/>: IDEC's 140 batches rounded
    /// up to whole epochs (4 epochs of 10,000 rows in batches of 256, 7 of 342 rows in batches of 16). Updating too often
    /// stops small data early: a few batches move few rows, so the change falls below the tolerance before the clusters settle.
    /// </summary>
    public int? TargetUpdateInterval { get; set; }

    /// <summary>
    /// Clustering stops at a target update when fewer than this fraction of the rows changed cluster since the previous one,
    /// in [0, 1). Default is 0.001.
    /// </summary>
    public float Tolerance { get; set; } = AutoencoderClusteringDefaults.Tolerance;

    /// <summary>
    /// The size of the latent code the clusters live in. Default is <see langword="null"/>: min(10, max(2, d / 2)) for d
    /// features — 2 for 4 features, 10 for 20 or more (IDEC's 10 for images).
    /// </summary>
    public int? LatentDimension { get; set; }

    /// <summary>
    /// The dense encoder's hidden layer sizes; the decoder mirrors them. Default is <see langword="null"/>: [256, 128] for 64
    /// features or more; one layer of max(16, 4 x latent) units below that. DEC/IDEC's [500, 500, 2000] took over ten times
    /// as long on the 8x8 digits without clustering them better in our runs (docs/clustering.md). Ignored when
    /// <see cref="ImageShape"/> is set.
    /// </summary>
    public int[]? HiddenLayers { get; set; }

    /// <summary>
    /// The shape of the images in the feature vector (planar, as <c>ExtractPixels</c> produces). Default is
    /// <see langword="null"/>: a dense autoencoder. When set, a convolutional autoencoder with <see cref="Channels"/> is trained.
    /// </summary>
    public ImageShape? ImageShape { get; set; }

    /// <summary>The convolutional encoder's channel counts when <see cref="ImageShape"/> is set. Default is [16, 32].</summary>
    public int[] Channels { get; set; } = ConvolutionalAutoencoderDefaults.Channels;

    /// <summary>The nonlinearity after every hidden layer. Default is <see cref="Activation.Relu"/>.</summary>
    public Activation Activation { get; set; } = AutoencoderClusteringDefaults.Activation;

    /// <summary>How inputs are rescaled before the network sees them; the statistics are stored in the model. Default is <see cref="InputScaling.Standardize"/>.</summary>
    public InputScaling Scaling { get; set; } = AutoencoderClusteringDefaults.Scaling;

    /// <summary>The maximum number of pre-training epochs (reconstruction only). Default is 100.</summary>
    public int PretrainingEpochs { get; set; } = AutoencoderClusteringDefaults.PretrainingEpochs;

    /// <summary>
    /// The maximum number of clustering epochs (reconstruction + γ KL(P‖Q)); 0 stops after the k-means initialisation, which is
    /// k-means on the pre-trained codes. Default is 100.
    /// </summary>
    public int ClusteringEpochs { get; set; } = AutoencoderClusteringDefaults.ClusteringEpochs;

    /// <summary>
    /// The number of rows per gradient step in both phases. Default is <see langword="null"/>: the largest power of two
    /// up to rows / 20, within [16, 256] — IDEC's 256 from 5,120 rows on, 64 for 1,797 rows, 16 for 342 — so that even small
    /// data gets at least 20 steps an epoch (with 256, 342 rows would train 2 steps an epoch and stay underfitted).
    /// </summary>
    public int? BatchSize { get; set; }

    /// <summary>The Adam learning rate of both phases. Default is 0.001.</summary>
    public float LearningRate { get; set; } = AutoencoderClusteringDefaults.LearningRate;

    /// <summary>The fraction of rows held out for early stopping of the pre-training, in [0, 1); clustering uses every row. Default is 0.1.</summary>
    public float ValidationFraction { get; set; } = AutoencoderClusteringDefaults.ValidationFraction;

    /// <summary>Pre-training epochs without validation improvement before it stops (best weights kept); 0 disables early stopping. Default is 10.</summary>
    public int EarlyStoppingPatience { get; set; } = AutoencoderClusteringDefaults.EarlyStoppingPatience;

    /// <summary>The number of seeded k-means++ runs on the pre-trained codes; the centres of least inertia start the clustering phase. Default is 10.</summary>
    public int KMeansInitializations { get; set; } = AutoencoderClusteringDefaults.KMeansInitializations;

    /// <summary>
    /// The seed for weight initialisation, the validation split, shuffling and the k-means initialisation. Default is
    /// <see langword="null"/>: drawn from the <c>MLContext</c>'s random source, so <c>new MLContext(seed: 1)</c> gives the
    /// same model, and the same assignments bit for bit, every run.
    /// </summary>
    public int? Seed { get; set; }

    /// <summary>
    /// The number of threads TorchSharp uses for intra-op parallelism while fitting. Default is <see langword="null"/>:
    /// chosen from the network's size. The setting is process-wide in libtorch; the previous value is restored after fitting.
    /// </summary>
    public int? NumberOfThreads { get; set; }

    /// <summary>The number of rows a fitted transformer scores per forward pass. Default is 1024.</summary>
    public int ScoringBatchSize { get; set; } = AutoencoderClusteringDefaults.ScoringBatchSize;

    /// <summary>
    /// Stops fitting (within one batch) with <see cref="OperationCanceledException"/> when cancelled. Default is
    /// <see cref="CancellationToken.None"/>. Read from this object each time <c>Fit</c> starts.
    /// </summary>
    public CancellationToken CancellationToken { get; set; }

    /// <summary>
    /// Called after every epoch of both phases with its losses and, in the clustering phase, the fraction of assignments
    /// that changed, on the fitting thread. Default is <see langword="null"/>. Read from this object each time <c>Fit</c> starts.
    /// </summary>
    public Action<ClusteringEpochLoss>? EpochCompleted { get; set; }

    /// <summary>A deep copy of these options (arrays included), which the estimator keeps and validates.</summary>
    internal AutoencoderClusteringOptions Snapshot()
    {
        var copy = (AutoencoderClusteringOptions)MemberwiseClone();
        copy.HiddenLayers = HiddenLayers?.ToArray();
        copy.Channels = Channels?.ToArray()!;
        return copy;
    }
}
