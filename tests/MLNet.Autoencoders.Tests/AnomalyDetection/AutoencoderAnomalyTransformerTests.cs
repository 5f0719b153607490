using Microsoft.ML;
using Microsoft.ML.Data;
using MLNet.Autoencoders.Transforms.AnomalyDetection;
using MLNet.Autoencoders.Tests.TestData;

namespace MLNet.Autoencoders.Tests.AnomalyDetection;

[TestClass]
public sealed class AutoencoderAnomalyTransformerTests
{
    private static MLContext ml = null!;
    private static PlantedOutlierRow[] rows = null!;
    private static IDataView data = null!;
    private static AutoencoderAnomalyTransformer detector = null!;

    [ClassInitialize]
    public static void Fit(TestContext _)
    {
        ml = new MLContext(seed: 1);
        rows = PlantedOutlierData.Rows(inliers: 140, outliers: 10);
        data = ml.Data.LoadFromEnumerable(rows);
        var options = AnomalyTestOptions.Small();
        options.FeatureErrorsColumnName = "FeatureErrors";
        options.ScoringBatchSize = 64;
        detector = ml.AnomalyDetection.Trainers.Autoencoder(options).Fit(data);
    }

    [ClassCleanup]
    public static void Cleanup() => detector.Dispose();

    [TestMethod]
    public void ChangeModelThreshold_ChangesFlagsNotScores()
    {
        var scores = Columns.Floats(detector.Transform(data), "Score");
        float median = scores.Order().ElementAt(scores.Length / 2);

        using var changed = ml.AnomalyDetection.ChangeModelThreshold(detector, median);
        var changedOutput = changed.Transform(data);

        Assert.AreEqual(median, changed.Threshold);
        CollectionAssert.AreEqual(scores, Columns.Floats(changedOutput, "Score"));
        var flags = changedOutput.GetColumn<bool>("PredictedLabel").ToArray();
        for (int i = 0; i < scores.Length; i++)
            Assert.AreEqual(scores[i] > median, flags[i], $"row {i}");
        Assert.AreEqual(scores.Length - scores.Length / 2 - 1, flags.Count(f => f), 1);
    }

    [TestMethod]
    public void ChangeModelThreshold_LeavesTheOriginalUsableAfterTheCopyIsDisposed()
    {
        float before = detector.Threshold;
        var changed = detector.WithThreshold(before * 2);
        changed.Dispose();

        Assert.AreEqual(before, detector.Threshold);
        Assert.HasCount(rows.Length, Columns.Floats(detector.Transform(data), "Score"));
    }

    [TestMethod]
    [DataRow(float.NaN)]
    [DataRow(float.PositiveInfinity)]
    public void ChangeModelThreshold_NonFinite_Throws(float threshold)
    {
        var exception = Assert.Throws<ArgumentOutOfRangeException>(() => ml.AnomalyDetection.ChangeModelThreshold(detector, threshold));
        Assert.Contains("'threshold' must be a finite number", exception.Message);
    }

    [TestMethod]
    public void Transform_ScoringBatchSize_DoesNotChangeOutputs()
    {
        // The class's detector scores 64 rows per forward pass; this one, fitted alike, all 150 rows in one.
        var options = AnomalyTestOptions.Small();
        options.ScoringBatchSize = 1000;
        using var oneBatch = ml.AnomalyDetection.Trainers.Autoencoder(options).Fit(data);

        CollectionAssert.AreEqual(Columns.Floats(detector.Transform(data), "Score"), Columns.Floats(oneBatch.Transform(data), "Score"));
    }

    [TestMethod]
    public void Transform_KeepsRowOrderAndCarriedColumns_AcrossBatchBoundaries()
    {
        var output = detector.Transform(data);
        var labels = output.GetColumn<float>("Label").ToArray();
        var features = Columns.Vectors(output, "Features");

        CollectionAssert.AreEqual(rows.Select(r => r.Label).ToArray(), labels);
        for (int i = 0; i < rows.Length; i++)
            CollectionAssert.AreEqual(rows[i].Features, features[i], $"row {i}");
    }

    [TestMethod]
    public void Transform_ReadingOnlyCarriedColumns_DoesNotReadFeatures()
    {
        var guarded = new ThrowingColumnView(data, "Features");
        var labels = detector.Transform(guarded).GetColumn<float>("Label").ToArray();

        Assert.HasCount(rows.Length, labels);
    }

    [TestMethod]
    public void PredictionEngine_MatchesBatchedScores()
    {
        var output = detector.Transform(data);
        var scores = Columns.Floats(output, "Score");
        var flags = output.GetColumn<bool>("PredictedLabel").ToArray();
        var engine = ml.Model.CreatePredictionEngine<PlantedOutlierRow, Prediction>(detector);

        for (int i = 0; i < 30; i++)
        {
            var prediction = engine.Predict(rows[i]);
            Assert.AreEqual(scores[i], prediction.Score, 1e-6f + 1e-5f * scores[i], $"row {i}");
            Assert.AreEqual(flags[i], prediction.PredictedLabel, $"row {i}");
            Assert.HasCount(ManifoldData.FeatureCount, prediction.FeatureErrors);
        }
    }

    [TestMethod]
    public void Transform_NaNInRow_GivesNaNScoreAndNoFlag()
    {
        var row = new PlantedOutlierRow { Features = [.. rows[0].Features], Label = 0 };
        row.Features[2] = float.NaN;
        var output = detector.Transform(ml.Data.LoadFromEnumerable(new[] { row, rows[1] }));

        var scores = Columns.Floats(output, "Score");
        Assert.IsTrue(float.IsNaN(scores[0]));
        Assert.IsFalse(float.IsNaN(scores[1]));
        Assert.IsFalse(output.GetColumn<bool>("PredictedLabel").First());
    }

    [TestMethod]
    public void OutputSchema_CarriesMlNetScoreAnnotations()
    {
        var schema = detector.GetOutputSchema(data.Schema);
        ReadOnlyMemory<char> kind = default, valueKind = default;
        schema["Score"].Annotations.GetValue("ScoreColumnKind", ref kind);
        schema["PredictedLabel"].Annotations.GetValue("ScoreValueKind", ref valueKind);

        Assert.AreEqual("AnomalyDetection", kind.ToString());
        Assert.AreEqual("PredictedLabel", valueKind.ToString());
        Assert.AreEqual(BooleanDataViewType.Instance, schema["PredictedLabel"].Type);
    }

    [TestMethod]
    public void Dispose_ThenTransform_ThrowsObjectDisposed()
    {
        var copy = detector.WithThreshold(1);
        copy.Dispose();

        Assert.Throws<ObjectDisposedException>(() => copy.Transform(data));
        Assert.Throws<ObjectDisposedException>(() => copy.WithThreshold(2));
    }

    [TestMethod]
    public void RepeatedTransforms_DoNotGrowLiveTensors()
    {
        _ = Columns.Floats(detector.Transform(data), "Score");
        long before = TorchSharp.DisposeScopeManager.Statistics.ThreadTotalLiveCount;
        for (int i = 0; i < 20; i++)
            _ = Columns.Floats(detector.Transform(data), "Score");

        Assert.AreEqual(before, TorchSharp.DisposeScopeManager.Statistics.ThreadTotalLiveCount);
    }

    private sealed class Prediction
    {
        public float Score { get; set; }

        public bool PredictedLabel { get; set; }

        public float[] FeatureErrors { get; set; } = [];
    }
}
