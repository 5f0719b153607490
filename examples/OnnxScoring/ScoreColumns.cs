using Microsoft.ML;
using Microsoft.ML.Data;

namespace OnnxScoring;

/// <summary>
/// ApplyOnnxModel (ML.NET 5.0.1) turns every ONNX output into a vector column, so the detector's per-row Score and
/// PredictedLabel come out as vectors of one value; <c>AnomalyDetection.Evaluate</c> wants a float and a bool.
/// </summary>
internal static class ScoreColumns
{
    public sealed class Vectors
    {
        [VectorType(1)]
        public float[] Score { get; set; } = [];

        [VectorType(1)]
        public bool[] PredictedLabel { get; set; } = [];
    }

    public sealed class Scalars
    {
        public float Score { get; set; }

        public bool PredictedLabel { get; set; }
    }

    /// <summary>A mapping that adds Score (float) and PredictedLabel (bool) in place of the vectors of one.</summary>
    public static IEstimator<ITransformer> Unwrap(MLContext ml) =>
        ml.Transforms.CustomMapping<Vectors, Scalars>((vectors, scalars) =>
        {
            scalars.Score = vectors.Score[0];
            scalars.PredictedLabel = vectors.PredictedLabel[0];
        }, contractName: null);
}
