using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLNet.Autoencoders.Tests.Export;

/// <summary>
/// ML.NET 5.0.1's ApplyOnnxModel turns every tensor output into a vector column, so an exported detector's Score and
/// PredictedLabel ([N] tensors) come out as vectors of one; <c>AnomalyDetection.Evaluate</c> reads scalars. This mapping,
/// the one docs/onnx-export.md shows, turns them back into a float and a bool.
/// </summary>
internal static class OnnxScoreColumns
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

    public static IEstimator<ITransformer> Unwrap(MLContext ml) =>
        ml.Transforms.CustomMapping<Vectors, Scalars>((vectors, scalars) =>
        {
            scalars.Score = vectors.Score[0];
            scalars.PredictedLabel = vectors.PredictedLabel[0];
        }, contractName: null);
}
