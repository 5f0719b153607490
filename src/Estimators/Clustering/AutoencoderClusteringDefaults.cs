using MLNet.Autoencoders.Transforms;

namespace MLNet.Autoencoders.Estimators.Clustering;

/// <summary>
/// Default values shared by <see cref="AutoencoderClusteringOptions"/> and the catalog's simple overload, so that the two
/// cannot drift apart. The clustering settings are those of IDEC (Guo et al. 2017): γ = 0.1, Adam at 0.001, batches of
/// 256 on large data, a latent code of 10, tolerance 0.1%.
/// </summary>
public static class AutoencoderClusteringDefaults
{
    /// <summary>Default feature column: "Features".</summary>
    public const string FeatureColumnName = "Features";

    /// <summary>Default score column: "Score" (as ML.NET's k-means).</summary>
    public const string ScoreColumnName = "Score";

    /// <summary>Default predicted-label column: "PredictedLabel" (as ML.NET's k-means).</summary>
    public const string PredictedLabelColumnName = "PredictedLabel";

    /// <summary>Default latent column: "Latent".</summary>
    public const string LatentColumnName = "Latent";

    /// <summary>Default number of clusters: 5 (as ML.NET's k-means).</summary>
    public const int NumberOfClusters = 5;

    /// <summary>The widest default latent code: 10, IDEC's for images; narrower inputs get max(2, features / 2).</summary>
    public const int MaxLatentDimension = 10;

    /// <summary>Default weight γ of the clustering term: 0.1.</summary>
    public const float ClusteringWeight = 0.1f;

    /// <summary>The batches between target updates the default interval aims for: 140, IDEC's, rounded up to whole epochs.</summary>
    public const int TargetUpdateBatches = 140;

    /// <summary>Default tolerance: 0.001, clustering stops when fewer than 0.1% of the rows change cluster between target updates.</summary>
    public const float Tolerance = 0.001f;

    /// <summary>Default maximum number of pre-training epochs: 100 (early stopping usually ends sooner).</summary>
    public const int PretrainingEpochs = 100;

    /// <summary>Default maximum number of clustering epochs: 100 (the tolerance usually ends sooner).</summary>
    public const int ClusteringEpochs = 100;

    /// <summary>The largest default mini-batch: 256, IDEC's; smaller data gets smaller batches (see <see cref="AutoencoderClusteringOptions.BatchSize"/>).</summary>
    public const int MaxBatchSize = 256;

    /// <summary>The smallest default mini-batch: 16.</summary>
    public const int MinBatchSize = 16;

    /// <summary>Default batches per epoch the batch size aims for: at least 20.</summary>
    public const int MinBatchesPerEpoch = 20;

    /// <summary>Default Adam learning rate: 0.001.</summary>
    public const float LearningRate = 1e-3f;

    /// <summary>Default activation: <see cref="Activation.Relu"/>.</summary>
    public const Activation Activation = Transforms.Activation.Relu;

    /// <summary>Default input scaling: <see cref="InputScaling.Standardize"/>.</summary>
    public const InputScaling Scaling = InputScaling.Standardize;

    /// <summary>Default fraction of rows held out for early stopping of the pre-training: 0.1.</summary>
    public const float ValidationFraction = 0.1f;

    /// <summary>Default early-stopping patience of the pre-training: 10 epochs.</summary>
    public const int EarlyStoppingPatience = 10;

    /// <summary>Default number of k-means++ initialisations of the centres, the one of least inertia kept: 10.</summary>
    public const int KMeansInitializations = 10;

    /// <summary>Default scoring batch size: 1024 rows per forward pass.</summary>
    public const int ScoringBatchSize = 1024;
}
