using Microsoft.ML.Data;

namespace OnnxScoring;

/// <summary>
/// One row of <c>wine-anomaly.csv</c>: the 13 measurements loaded straight into the detector's input column "Features"
/// (the ML.NET step that came before the detector in the training pipeline, a Concatenate, done by the loader), and the label.
/// </summary>
internal sealed class WineRow
{
    [LoadColumn(0, 12), VectorType(13)]
    public float[] Features { get; set; } = [];

    /// <summary>1 for a planted outlier, 0 for an inlier.</summary>
    [LoadColumn(13)]
    public float Label { get; set; }
}
