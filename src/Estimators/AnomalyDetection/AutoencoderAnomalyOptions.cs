using MLNet.Autoencoders.Transforms;

namespace MLNet.Autoencoders.Estimators.AnomalyDetection;

/// <summary>
/// Options for <see cref="AutoencoderAnomalyEstimator"/>: the columns, how the threshold is set, the networks' shape
/// and how they are trained.
/// </summary>
public sealed class AutoencoderAnomalyOptions
{
    /// <summary>The known-size vector of <see cref="float"/> to score. Default is "Features".</summary>
    public string FeatureColumnName { get; set; } = AutoencoderAnomalyDefaults.FeatureColumnName;

    /// <summary>The output column for the anomaly score (<see cref="float"/>, higher is more anomalous). Default is "Score".</summary>
    public string ScoreColumnName { get; set; } = AutoencoderAnomalyDefaults.ScoreColumnName;

    /// <summary>The output column for the anomaly flag (<see cref="bool"/>, <c>Score &gt; Threshold</c>). Default is "PredictedLabel".</summary>
    public string PredictedLabelColumnName { get; set; } = AutoencoderAnomalyDefaults.PredictedLabelColumnName;

    /// <summary>
    /// The output column for the per-feature reconstruction errors, or <see langword="null"/> for none. Default is
    /// <see langword="null"/>. The column is a vector of <see cref="float"/> of the input's size (with the input's slot
    /// names): for each feature, the squared difference between the scaled input and the reconstruction, averaged over
    /// the ensemble. It is computed in the scaled input space (z-scores with the default <see cref="Scaling"/>), so
    /// features of different units compare, and the row's score is its mean.
    /// </summary>
    public string? FeatureErrorsColumnName { get; set; }

    /// <summary>
    /// The fraction of training rows expected to be anomalous, in [0, 0.5]. Default is 0.1. The threshold is this
    /// upper quantile of the training rows' scores (linear interpolation, as NumPy and PyOD compute it), so about this
    /// fraction of the training rows is flagged. Not used when <see cref="Threshold"/> is set.
    /// </summary>
    public double Contamination { get; set; } = AutoencoderAnomalyDefaults.Contamination;

    /// <summary>
    /// An explicit threshold: rows scoring above it are flagged. Default is <see langword="null"/>: the threshold is
    /// derived from <see cref="Contamination"/>. Change it on a fitted model with
    /// <c>mlContext.AnomalyDetection.ChangeModelThreshold</c>.
    /// </summary>
    public float? Threshold { get; set; }

    /// <summary>
    /// The number of networks trained from different seeds (and validation splits) whose errors are averaged.
    /// Default is 5, at most 1024. Averaging steadies the scores of small networks on small data; fitting time grows linearly.
    /// </summary>
    public int EnsembleSize { get; set; } = AutoencoderAnomalyDefaults.EnsembleSize;

    /// <summary>
    /// k: the score's second view of a row is the squared distance to its k-th nearest neighbour in a sample of the
    /// training rows (scaled, per feature, averaged over one sample per network), and its first the reconstruction error;
    /// each is divided by its median over the training rows and the score is the larger of the two ratios. Default is 5.
    /// 0 scores by reconstruction error alone, as versions before 0.3 did. Reconstruction error finds rows off the shape
    /// of the data; the distance finds rows in sparse regions on it: together they rank outliers about as well as the
    /// better view on each public set measured, where either alone fails on some (docs/anomaly-detection.md).
    /// </summary>
    public int NumberOfNeighbors { get; set; } = AutoencoderAnomalyDefaults.NumberOfNeighbors;

    /// <summary>
    /// The rows in each neighbour sample, in [<see cref="NumberOfNeighbors"/>, 16,384]. Default is 1,024. With more training
    /// rows than this, each network gets its own seeded random sample of this many rows (bounded samples averaged over
    /// several draws rank outliers better than one k-NN over all rows, and keep the model small and scoring fast: the
    /// model stores the samples, and scoring a row costs one distance per sampled row); with fewer, one sample holds every row.
    /// </summary>
    public int NeighborSampleSize { get; set; } = AutoencoderAnomalyDefaults.NeighborSampleSize;

    /// <summary>
    /// The size of the latent code. Default is <see langword="null"/>: adapted to the number of features d,
    /// max(1, round(sqrt(d) / 2)) — 1 up to 8 features, 2 for 9 to 20, 4 for 64, 14 for 784. A narrow code keeps the
    /// networks from learning to reconstruct rows unlike the bulk of the data; one narrower than the directions the
    /// inliers vary in cannot reconstruct the inliers either.
    /// </summary>
    public int? LatentDimension { get; set; }

    /// <summary>
    /// The encoder's hidden layer sizes; the decoder mirrors them. Default is <see langword="null"/>: one layer of
    /// min(64, max(8, 2 x d)) units for d features. An empty array means no hidden layer.
    /// </summary>
    public int[]? HiddenLayers { get; set; }

    /// <summary>The nonlinearity after every hidden layer. Default is <see cref="Activation.Relu"/>.</summary>
    public Activation Activation { get; set; } = AutoencoderAnomalyDefaults.Activation;

    /// <summary>The maximum number of passes over the training rows, per network. Default is 200.</summary>
    public int Epochs { get; set; } = AutoencoderAnomalyDefaults.Epochs;

    /// <summary>
    /// The most optimiser steps (batches) each network trains for: on large data the epochs are cut to fit, so that the
    /// fit's time follows the network's size rather than the row count (a few thousand steps train the detector's small
    /// networks; more epochs of many rows mostly cost time). Default is 4,000; <see langword="null"/> = only
    /// <see cref="Epochs"/> and early stopping limit training.
    /// </summary>
    public int? MaximumStepsPerNetwork { get; set; } = AutoencoderAnomalyDefaults.MaximumStepsPerNetwork;

    /// <summary>The number of rows per gradient step. Default is 32.</summary>
    public int BatchSize { get; set; } = AutoencoderAnomalyDefaults.BatchSize;

    /// <summary>The Adam learning rate. Default is 0.003.</summary>
    public float LearningRate { get; set; } = AutoencoderAnomalyDefaults.LearningRate;

    /// <summary>The L2 weight decay of the Adam optimizer. Default is 0.</summary>
    public float WeightDecay { get; set; } = AutoencoderAnomalyDefaults.WeightDecay;

    /// <summary>
    /// How inputs are rescaled before the networks see them; the statistics are learned at fit time and stored in
    /// the model, and scores are computed in the scaled space. Default is <see cref="InputScaling.Standardize"/>.
    /// </summary>
    public InputScaling Scaling { get; set; } = AutoencoderAnomalyDefaults.Scaling;

    /// <summary>
    /// The fraction of rows each network holds out (a different draw per network in memory; one seeded sample shared by
    /// the networks when streaming) to measure validation loss for early stopping, in [0, 1). Default is 0.1. Scores and
    /// the threshold use every row.
    /// </summary>
    public float ValidationFraction { get; set; } = AutoencoderAnomalyDefaults.ValidationFraction;

    /// <summary>Epochs without validation improvement before a network stops (best weights kept); 0 disables early stopping. Default is 20.</summary>
    public int EarlyStoppingPatience { get; set; } = AutoencoderAnomalyDefaults.EarlyStoppingPatience;

    /// <summary>
    /// How fitting reads the training rows. Default is <see cref="TrainingDataMode.Auto"/>: in memory, unless the data view
    /// reports a row count whose values would exceed <see cref="InMemoryBudgetMegabytes"/>, then streamed.
    /// <see cref="TrainingDataMode.Streaming"/> detects anomalies in data larger than memory: one pass learns the scaling
    /// and picks the validation rows, each network's epochs read the data view again through a shuffle buffer of
    /// <see cref="StreamingBufferRows"/> rows, and a last pass scores every row for the threshold. Either way the
    /// threshold comes from scoring the rows as read from the data view, exactly as the fitted transformer scores them.
    /// </summary>
    public TrainingDataMode DataMode { get; set; } = AutoencoderDefaults.DataMode;

    /// <summary>
    /// The size, in megabytes of training values (rows × features × 4 bytes), above which <see cref="TrainingDataMode.Auto"/>
    /// streams. Default is 1024.
    /// </summary>
    public int InMemoryBudgetMegabytes { get; set; } = AutoencoderDefaults.InMemoryBudgetMegabytes;

    /// <summary>Rows in the streaming shuffle buffer, and the most validation rows kept when streaming. Default is 65,536.</summary>
    public int StreamingBufferRows { get; set; } = AutoencoderDefaults.StreamingBufferRows;

    /// <summary>
    /// The seed for weight initialisation, validation splits and shuffling. Default is <see langword="null"/>: drawn
    /// from the <c>MLContext</c>'s random source, so <c>new MLContext(seed: 1)</c> gives the same model every run.
    /// </summary>
    public int? Seed { get; set; }

    /// <summary>
    /// The number of threads TorchSharp uses for intra-op parallelism while fitting. Default is <see langword="null"/>:
    /// TorchSharp's default (all cores). The setting is process-wide in libtorch; the previous value is restored after fitting.
    /// </summary>
    public int? NumberOfThreads { get; set; }

    /// <summary>The number of rows a fitted transformer scores per forward pass. Default is 1024.</summary>
    public int ScoringBatchSize { get; set; } = AutoencoderAnomalyDefaults.ScoringBatchSize;

    /// <summary>
    /// Stops fitting (within one batch) with <see cref="OperationCanceledException"/> when cancelled. Default is
    /// <see cref="CancellationToken.None"/>. Unlike the other options, which the estimator copies when it is created,
    /// the token is read from this object each time <c>Fit</c> starts, so it may be replaced between fits of one estimator.
    /// </summary>
    public CancellationToken CancellationToken { get; set; }

    /// <summary>
    /// Called after every epoch of every network with the network's number, its epoch limit and the epoch's losses (the
    /// same values <see cref="Transforms.AnomalyDetection.AutoencoderAnomalyTransformer.LossHistories"/> keeps), e.g. to
    /// show progress. Default is <see langword="null"/>. When the networks train side by side, calls for different networks
    /// come from different threads and may overlap. Like <see cref="CancellationToken"/>, it is read from this object each
    /// time <c>Fit</c> starts.
    /// </summary>
    public Action<AnomalyEpochLoss>? EpochCompleted { get; set; }

    /// <summary>A deep copy of these options (arrays included), which the estimator keeps and validates.</summary>
    internal AutoencoderAnomalyOptions Snapshot()
    {
        var copy = (AutoencoderAnomalyOptions)MemberwiseClone();
        copy.HiddenLayers = HiddenLayers?.ToArray();
        return copy;
    }
}
