using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;
using MLNet.Autoencoders.Transforms.AnomalyDetection;

namespace MLNet.Autoencoders.Tests.AnomalyDetection;

/// <summary>
/// Detectors saved by earlier versions load and score as they did then. <c>Models/detector-format1.zip</c> (version 0.2,
/// format 1: reconstruction error alone) was written at commit c9e9efc; <c>Models/detector-format2.zip</c> (format 2: both
/// views, combined by their mean) at commit dabebd1. Both from the rows <see cref="Rows"/> makes, with
/// <c>new MLContext(seed: 1)</c> and options EnsembleSize 2, Epochs 5, Seed 1, NumberOfThreads 1, FeatureErrorsColumnName
/// "FeatureErrors"; beside each, its scores and flags as that version gave them.
/// </summary>
[TestClass]
public sealed class OlderModelFormatTests
{
    [TestMethod]
    public void Load_FormatVersionOne_ScoresByReconstructionAsVersion02Did()
    {
        CheckScores("detector-format1", (detector, scores, errors) =>
        {
            Assert.AreEqual(0, detector.NumberOfNeighbors, "a format 1 model has no neighbour samples");
            for (int i = 0; i < scores.Length; i++)
                Assert.AreEqual(errors[i], scores[i], 1e-5f * scores[i], $"row {i}: the score is the mean feature error");
        });
    }

    [TestMethod]
    public void Load_FormatVersionTwo_ScoresByTheMeanOfBothViewsAsThen()
    {
        CheckScores("detector-format2", (detector, scores, _) =>
            Assert.AreEqual(5, detector.NumberOfNeighbors, "a format 2 model keeps its neighbour samples"));
    }

    /// <summary>Loads <c>Models/{name}.zip</c>, scores <see cref="Rows"/> and compares with <c>{name}-scores.csv</c> exactly, then runs <paramref name="check"/>.</summary>
    private static void CheckScores(string name, Action<AutoencoderAnomalyTransformer, float[], float[]> check)
    {
        var ml = new MLContext(seed: 1);
        var data = ml.Data.LoadFromEnumerable(Rows());
        var model = ml.Model.Load(ModelFile(name + ".zip"), out _);
        try
        {
            var detector = model as AutoencoderAnomalyTransformer ?? throw new AssertFailedException($"the model is a {model.GetType()}, not a detector");
            var scored = model.Transform(data);
            var scores = scored.GetColumn<float>("Score").ToArray();
            var flags = scored.GetColumn<bool>("PredictedLabel").ToArray();
            var errors = scored.GetColumn<VBuffer<float>>("FeatureErrors").Select(e => e.DenseValues().Average()).ToArray();
            var expected = File.ReadAllLines(ModelFile(name + "-scores.csv")).Select(l => l.Split(',')).ToArray();
            Assert.HasCount(expected.Length, scores);
            for (int i = 0; i < scores.Length; i++)
            {
                Assert.AreEqual(float.Parse(expected[i][0], CultureInfo.InvariantCulture), scores[i], $"row {i}");
                Assert.AreEqual(expected[i][1] == "1", flags[i], $"row {i}");
            }
            check(detector, scores, errors);
        }
        finally
        {
            (model as IDisposable)?.Dispose();
        }
    }

    private static string ModelFile(string name) => Path.Combine(AppContext.BaseDirectory, "AnomalyDetection", "Models", name);

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
