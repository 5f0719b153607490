using MLNet.Autoencoders.Transforms;
using MLNet.Autoencoders.Transforms.AnomalyDetection;

namespace MLNet.Autoencoders.Estimators.AnomalyDetection;

/// <summary>
/// Default values shared by <see cref="AutoencoderAnomalyOptions"/> and the catalog's simple overload,
/// so that the two cannot drift apart.
/// </summary>
public static class AutoencoderAnomalyDefaults
{
    /// <summary>Default feature column: "Features".</summary>
    public const string FeatureColumnName = "Features";

    /// <summary>Default score column: "Score", as ML.NET's anomaly detectors name it.</summary>
    public const string ScoreColumnName = "Score";

    /// <summary>Default predicted-label column: "PredictedLabel", as ML.NET's anomaly detectors name it.</summary>
    public const string PredictedLabelColumnName = "PredictedLabel";

    /// <summary>Default contamination: 0.1, the fraction of training rows expected to be anomalous.</summary>
    public const double Contamination = 0.1;

    /// <summary>Default number of networks whose errors are averaged: 5.</summary>
    public const int EnsembleSize = 5;

    /// <summary>Default maximum number of epochs per network: 200.</summary>
    public const int Epochs = 200;

    /// <summary>Default mini-batch size: 32.</summary>
    public const int BatchSize = 32;

    /// <summary>Default for <see cref="AutoencoderAnomalyOptions.MaximumStepsPerNetwork"/>.</summary>
    public const int MaximumStepsPerNetwork = 4000;

    /// <summary>Default Adam learning rate: 0.003.</summary>
    public const float LearningRate = 3e-3f;

    /// <summary>Default L2 weight decay: 0.</summary>
    public const float WeightDecay = 0f;

    /// <summary>Default activation: <see cref="Activation.Relu"/>.</summary>
    public const Activation Activation = Transforms.Activation.Relu;

    /// <summary>Default input scaling: <see cref="InputScaling.Standardize"/>.</summary>
    public const InputScaling Scaling = InputScaling.Standardize;

    /// <summary>Default validation fraction: 0.1.</summary>
    public const float ValidationFraction = 0.1f;

    /// <summary>Default early-stopping patience: 20 epochs.</summary>
    public const int EarlyStoppingPatience = 20;

    /// <summary>Default for <see cref="AutoencoderAnomalyOptions.NumberOfNeighbors"/>: 5, as PyOD's and scikit-learn's k-NN detectors.</summary>
    public const int NumberOfNeighbors = 5;

    /// <summary>Default for <see cref="AutoencoderAnomalyOptions.NeighborSampleSize"/>: 1,024 rows per sample.</summary>
    public const int NeighborSampleSize = 1024;

    /// <summary>
    /// The largest <see cref="AutoencoderAnomalyOptions.NeighborSampleSize"/> accepted: 16,384 rows (a scoring batch's
    /// distances to every sampled row of the default 5 samples then take at most 1024 x 81,920 floats, 335 MB).
    /// </summary>
    public const int MaxNeighborSampleSize = 16384;

    /// <summary>Default scoring batch size: 1024 rows per forward pass.</summary>
    public const int ScoringBatchSize = 1024;

    /// <summary>The largest <see cref="AutoencoderAnomalyOptions.EnsembleSize"/> accepted: 1024 (the most networks a saved detector holds).</summary>
    public const int MaxEnsembleSize = AutoencoderAnomalyTransformer.MaxEnsembleSize;

    /// <summary>The largest <see cref="AutoencoderAnomalyOptions.Contamination"/> accepted: 0.5.</summary>
    public const double MaxContamination = 0.5;
}
