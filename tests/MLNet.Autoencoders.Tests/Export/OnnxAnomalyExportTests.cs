using Microsoft.ML;
using MLNet.Autoencoders.Estimators.AnomalyDetection;
using MLNet.Autoencoders.Tests.AnomalyDetection;
using MLNet.Autoencoders.Tests.Persistence;
using MLNet.Autoencoders.Transforms;
using MLNet.Autoencoders.Transforms.AnomalyDetection;

namespace MLNet.Autoencoders.Tests.Export;

/// <summary>The exported detector: its threshold, what Evaluate makes of its ApplyOnnxModel output.</summary>
[TestClass]
public sealed class OnnxAnomalyExportTests
{
    private static MLContext ml = null!;
    private static IDataView data = null!;
    private static AutoencoderAnomalyTransformer detector = null!;

    public TestContext TestContext { get; set; } = null!;

    [ClassInitialize]
    public static void Fit(TestContext _)
    {
        ml = new MLContext(seed: 1);
        data = ml.Data.Cache(PlantedOutlierData.Load(ml, inliers: 200, outliers: 20));
        detector = ml.AnomalyDetection.Trainers.Autoencoder(new AutoencoderAnomalyOptions
        {
            EnsembleSize = 2, Epochs = 20, Seed = 1, NumberOfThreads = 1, FeatureErrorsColumnName = "FeatureErrors", Contamination = 0.1,
        }).Fit(data);
    }

    [ClassCleanup]
    public static void Dispose() => detector.Dispose();

    [TestMethod]
    public void ApplyOnnxModelOutput_WithScoreColumnsUnwrapped_EvaluatesAsTheTransformer()
    {
        using var folder = new TempDirectory();
        string path = folder.File("detector.onnx");
        detector.ExportToOnnx(path);

        var expected = ml.AnomalyDetection.Evaluate(detector.Transform(data));
        var scorer = ml.Transforms.ApplyOnnxModel(path).Append(OnnxScoring.ScoreColumns.Unwrap(ml)).Fit(data);
        var actual = ml.AnomalyDetection.Evaluate(scorer.Transform(data));

        TestContext.WriteLine($"AUC {expected.AreaUnderRocCurve} (TorchSharp) vs {actual.AreaUnderRocCurve} (ONNX)");
        Assert.AreEqual(expected.AreaUnderRocCurve, actual.AreaUnderRocCurve, 1e-9);
        Assert.AreEqual(expected.DetectionRateAtFalsePositiveCount, actual.DetectionRateAtFalsePositiveCount, 1e-9);
        Assert.IsGreaterThan(0.7, actual.AreaUnderRocCurve, "the detector finds the planted outliers");
    }

    [TestMethod]
    [DataRow(0)]
    [DataRow(3)]
    public void Detector_WithOrWithoutNeighbourDistances_ExportsItsScores(int neighbors)
    {
        using var other = ml.AnomalyDetection.Trainers.Autoencoder(new AutoencoderAnomalyOptions
        {
            EnsembleSize = 2, Epochs = 5, Seed = 2, NumberOfThreads = 1, NumberOfNeighbors = neighbors, NeighborSampleSize = 50,
        }).Fit(data);
        using var folder = new TempDirectory();
        string path = folder.File("detector.onnx");
        other.ExportToOnnx(path);

        var rows = PlantedOutlierData.Rows(200, 20).Select(r => r.Features).ToArray();
        var onnx = OnnxRuntimeScoring.Run(path, "Features", rows);
        var report = new ParityReport($"detector with {neighbors} neighbours");
        var expected = other.Transform(data);
        foreach (string column in other.Columns.Outputs)
            report.Compare(column, DataViewValues.Read(expected, column), onnx[column]);
        TestContext.WriteLine(report.ToString());
        Assert.AreEqual(neighbors.ToString(System.Globalization.CultureInfo.InvariantCulture), OnnxMetadata.Read(path)["mlnet_autoencoders.number_of_neighbors"]);
    }

    [TestMethod]
    public void ChangedThreshold_ExportsAsChanged()
    {
        var scores = DataViewValues.Read(detector.Transform(data), "Score").Cast<float>().Order().ToArray();
        // Between two scores: a threshold equal to a row's score would flip on the last bit of rounding.
        float median = (scores[scores.Length / 2 - 1] + scores[scores.Length / 2]) / 2;
        using var changed = ml.AnomalyDetection.ChangeModelThreshold(detector, median);
        using var folder = new TempDirectory();
        string path = folder.File("changed.onnx");
        changed.ExportToOnnx(path);

        var rows = PlantedOutlierData.Rows(200, 20).Select(r => r.Features).ToArray();
        var onnx = OnnxRuntimeScoring.Run(path, "Features", rows);
        var flagged = onnx["PredictedLabel"].Cast<bool>().ToArray();
        var expected = DataViewValues.Read(changed.Transform(data), "PredictedLabel").Cast<bool>().ToArray();
        CollectionAssert.AreEqual(expected, flagged);
        Assert.AreEqual(expected.Length / 2, flagged.Count(f => f), 1, "about half the rows score above the median");
        Assert.AreEqual(median.ToString("R", System.Globalization.CultureInfo.InvariantCulture), OnnxMetadata.Read(path)["mlnet_autoencoders.threshold"]);
    }
}
