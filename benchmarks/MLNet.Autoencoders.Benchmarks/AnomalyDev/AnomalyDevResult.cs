namespace MLNet.Autoencoders.Benchmarks.AnomalyDev;

/// <summary>One set's row of the anomaly-dev table; a measure that was not run is <see langword="null"/>.</summary>
/// <param name="Set">The set's name.</param>
/// <param name="Rows">Its row count.</param>
/// <param name="Dimension">Its feature count.</param>
/// <param name="Outliers">Its outlier count.</param>
/// <param name="DetectorAuc">The autoencoder detector's ROC AUC, mean over seeds.</param>
/// <param name="DetectorFitSeconds">The detector's fit wall-clock seconds, mean over seeds.</param>
/// <param name="ForestAuc">The isolation forest's ROC AUC, mean over seeds.</param>
/// <param name="NeighbourAuc">The 5-NN distance's ROC AUC.</param>
/// <param name="BaselineForestAuc">scikit-learn's IF AUC from <c>baselines.md</c>.</param>
/// <param name="BaselineNeighbourAuc">scikit-learn's KNN5 AUC from <c>baselines.md</c>.</param>
internal sealed record AnomalyDevResult(
    string Set, int Rows, int Dimension, int Outliers,
    double? DetectorAuc, double? DetectorFitSeconds, double? ForestAuc, double? NeighbourAuc,
    double? BaselineForestAuc, double? BaselineNeighbourAuc);
