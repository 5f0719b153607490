using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using MLNet.Autoencoders.Tests.AnomalyDetection;
using MLNet.Autoencoders.Tests.Persistence;
using MLNet.Autoencoders.Transforms;

namespace MLNet.Autoencoders.Tests.Export;

/// <summary>The detector exported with one [N, 1] input per feature (for SQL PREDICT) scores as the one-vector export does.</summary>
[TestClass]
public sealed class OnnxPerFeatureInputTests
{
    private static readonly string[] Names = ["a", "b", "c", "d", "e", "f"];

    [TestMethod]
    public void ExportWithOneInputPerFeature_GivesTheTransformersScoresAndLabels()
    {
        var ml = new MLContext(seed: 1);
        var rows = PlantedOutlierData.Rows(inliers: 120, outliers: 8);
        var data = ml.Data.LoadFromEnumerable(rows);
        using var detector = ml.AnomalyDetection.Trainers.Autoencoder(AnomalyTestOptions.Small()).Fit(data);
        using var folder = new TempDirectory();
        string path = folder.File("columns.onnx");

        detector.ExportToOnnx(path, Names);

        using var session = new InferenceSession(path);
        CollectionAssert.AreEqual(Names, session.InputMetadata.Keys.ToArray());
        var inputs = Names.Select((name, j) => NamedOnnxValue.CreateFromTensor(name,
            new DenseTensor<float>(rows.Select(r => r.Features[j]).ToArray(), [rows.Length, 1]))).ToList();
        using var results = session.Run(inputs);
        var scores = results.First(r => r.Name == "Score").AsEnumerable<float>().ToArray();
        var labels = results.First(r => r.Name == "PredictedLabel").AsEnumerable<bool>().ToArray();
        var scored = detector.Transform(data);
        var expectedScores = scored.GetColumn<float>("Score").ToArray();
        var expectedLabels = scored.GetColumn<bool>("PredictedLabel").ToArray();
        for (int i = 0; i < rows.Length; i++)
        {
            Assert.AreEqual(expectedScores[i], scores[i], 1e-5 * Math.Max(1, Math.Abs(expectedScores[i])), $"row {i}");
            Assert.AreEqual(expectedLabels[i], labels[i], $"row {i}");
        }
    }

    [TestMethod]
    [DataRow(new[] { "a", "b", "c" }, "must name each of the 6 features of 'Features' once. Got 3 names.")]
    [DataRow(new[] { "a", "b", "c", "d", "e", "a" }, "holds 'a' twice")]
    [DataRow(new[] { "a", "b", "c", "d", "e", "Score" }, "holds 'Score' twice, or a name the model already uses")]
    public void ExportWithBadFeatureNames_ThrowsNamingTheProblem_AndWritesNothing(string[] names, string message)
    {
        var ml = new MLContext(seed: 1);
        var data = PlantedOutlierData.Load(ml, inliers: 40, outliers: 0);
        var options = AnomalyTestOptions.Small(ensembleSize: 1);
        options.Epochs = 2;
        using var detector = ml.AnomalyDetection.Trainers.Autoencoder(options).Fit(data);
        using var folder = new TempDirectory();
        string path = folder.File("bad.onnx");

        var exception = Assert.Throws<ArgumentException>(() => detector.ExportToOnnx(path, names));

        Assert.Contains(message, exception.Message);
        Assert.AreEqual("featureInputNames", exception.ParamName);
        Assert.IsFalse(File.Exists(path));
    }
}
