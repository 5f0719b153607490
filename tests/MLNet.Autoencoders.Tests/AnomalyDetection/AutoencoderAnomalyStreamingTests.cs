using Microsoft.ML;
using Microsoft.ML.Data;
using MLNet.Autoencoders.Estimators;
using MLNet.Autoencoders.Tests.TestData;
using MLNet.Autoencoders.Tests.Training;

namespace MLNet.Autoencoders.Tests.AnomalyDetection;

/// <summary>The detector on data it does not hold in memory: <see cref="TrainingDataMode.Streaming"/> and <see cref="TrainingDataMode.Auto"/>.</summary>
[TestClass]
public sealed class AutoencoderAnomalyStreamingTests
{
    [TestMethod]
    public void Fit_Streaming_OnPlantedOutliers_FindsThemAboutAsWellAsInMemory()
    {
        var ml = new MLContext(seed: 1);
        var data = ml.Data.Cache(PlantedOutlierData.Load(ml, inliers: 300, outliers: 15));
        double Auc(TrainingDataMode mode)
        {
            var options = AnomalyTestOptions.Small(ensembleSize: 3);
            options.Epochs = 200;
            options.DataMode = mode;
            options.StreamingBufferRows = 64;
            using var detector = ml.AnomalyDetection.Trainers.Autoencoder(options).Fit(data);
            return ml.AnomalyDetection.Evaluate(detector.Transform(data)).AreaUnderRocCurve;
        }

        double streaming = Auc(TrainingDataMode.Streaming), inMemory = Auc(TrainingDataMode.InMemory);

        Assert.IsGreaterThan(0.9, streaming, $"streaming AUC {streaming:F3}, in memory {inMemory:F3}");
        Assert.IsGreaterThan(inMemory - 0.05, streaming, $"streaming AUC {streaming:F3}, in memory {inMemory:F3}");
    }

    [TestMethod]
    public void Fit_Streaming_ReadsTheViewPerEpochAndOnceMoreForTheThreshold_AndFlagsTheContaminationShare()
    {
        var ml = new MLContext(seed: 1);
        var data = new GeneratedDataView(400, canShuffle: true);
        var options = AnomalyTestOptions.Small(ensembleSize: 2);
        options.Epochs = 3;
        options.EarlyStoppingPatience = 0;
        options.DataMode = TrainingDataMode.Streaming;
        options.StreamingBufferRows = 50;
        options.Contamination = 0.05;
        using var detector = ml.AnomalyDetection.Trainers.Autoencoder(options).Fit(data);

        Assert.AreEqual(1 + 2 * 3 + 1 + 1, data.Cursors, "statistics pass, 3 epochs for each of 2 networks, neighbour-sample pass, threshold pass");
        Assert.AreEqual(2 * 3, data.ShuffledCursors, "only the epochs ask the view to shuffle");
        var flags = detector.Transform(data).GetColumn<bool>("PredictedLabel").ToArray();
        Assert.AreEqual(20, flags.Count(f => f), 1, "the threshold scored every training row as the transformer does");
    }

    [TestMethod]
    public void Fit_AutoAboveTheBudget_Streams()
    {
        var ml = new MLContext(seed: 1);
        var data = new GeneratedDataView(400, knowsRowCount: true, canShuffle: true);
        var options = AnomalyTestOptions.Small(ensembleSize: 1);
        options.Epochs = 2;
        options.InMemoryBudgetMegabytes = 1;
        using (ml.AnomalyDetection.Trainers.Autoencoder(options).Fit(data))
        {
        }
        Assert.AreEqual(0, data.ShuffledCursors, "400 x 6 floats fit in 1 MB: in memory, no epoch cursor");

        var large = new GeneratedDataView(50_000, knowsRowCount: true, canShuffle: true);   // 1.1 MB of values
        using (ml.AnomalyDetection.Trainers.Autoencoder(options).Fit(large))
        {
        }
        Assert.AreEqual(2, large.ShuffledCursors, "over the budget: each epoch streams");
    }

    [TestMethod]
    public void Fit_Streaming_NaNInput_ThrowsWithoutSuggestingAnOptionTheDetectorLacks()
    {
        var ml = new MLContext(seed: 1);
        var data = new GeneratedDataView(100, missingEvery: 37);
        var options = AnomalyTestOptions.Small(ensembleSize: 1);
        options.DataMode = TrainingDataMode.Streaming;

        var error = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => ml.AnomalyDetection.Trainers.Autoencoder(options).Fit(data));
        StringAssert.Contains(error.Message, "Column 'Features' has NaN in row 0, feature 0");
        Assert.DoesNotContain("TreatNaNAsMissing", error.Message);
    }
}
