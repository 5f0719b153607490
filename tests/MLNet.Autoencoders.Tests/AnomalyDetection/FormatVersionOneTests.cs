using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;
using MLNet.Autoencoders.Transforms.AnomalyDetection;

namespace MLNet.Autoencoders.Tests.AnomalyDetection;

/// <summary>
/// A detector saved by version 0.2 (format version 1: reconstruction error alone) loads and scores as it did then.
/// <c>Models/detector-format1.zip</c> and its scores were written by the library at commit c9e9efc, from the rows
/// <see cref="Rows"/> makes, with <c>new MLContext(seed: 1)</c> and options EnsembleSize 2, Epochs 5, Seed 1,
/// NumberOfThreads 1, FeatureErrorsColumnName "FeatureErrors".
/// </summary>
[TestClass]
public sealed class FormatVersionOneTests
{
    private static string ModelFile(string name) => Path.Combine(AppContext.BaseDirectory, "AnomalyDetection", "Models", name);

    [TestMethod]
    public void Load_FormatVersionOne_ScoresByReconstructionAsVersion02Did()
    {
        var ml = new MLContext(seed: 1);
        var data = ml.Data.LoadFromEnumerable(Rows());
        var model = ml.Model.Load(ModelFile("detector-format1.zip"), out _);
        try
        {
            var detector = model as AutoencoderAnomalyTransformer ?? throw new AssertFailedException($"the model is a {model.GetType()}, not a detector");
            Assert.AreEqual(0, detector.NumberOfNeighbors, "a format 1 model has no neighbour samples");

            var scored = model.Transform(data);
            var scores = scored.GetColumn<float>("Score").ToArray();
            var flags = scored.GetColumn<bool>("PredictedLabel").ToArray();
            var errors = scored.GetColumn<VBuffer<float>>("FeatureErrors").Select(e => e.DenseValues().Average()).ToArray();
            var expected = File.ReadAllLines(ModelFile("detector-format1-scores.csv")).Select(l => l.Split(',')).ToArray();
            Assert.HasCount(expected.Length, scores);
            for (int i = 0; i < scores.Length; i++)
            {
                Assert.AreEqual(float.Parse(expected[i][0], CultureInfo.InvariantCulture), scores[i], $"row {i}");
                Assert.AreEqual(expected[i][1] == "1", flags[i], $"row {i}");
                Assert.AreEqual(errors[i], scores[i], 1e-5f * scores[i], $"row {i}: the score is the mean feature error");
            }
        }
        finally
        {
            (model as IDisposable)?.Dispose();
        }
    }

    private static FourFeatures[] Rows() => [.. Enumerable.Range(0, 40).Select(i => new FourFeatures
    {
        Features = [MathF.Sin(i), MathF.Cos(i), 2 * MathF.Sin(i) + 0.1f * (i % 3), i % 7 == 0 ? 5f : 0.5f * MathF.Cos(i)],
    })];

    private sealed class FourFeatures
    {
        [VectorType(4)]
        public float[] Features { get; set; } = [];
    }
}
