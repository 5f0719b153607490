using Microsoft.ML;
using Microsoft.ML.Data;
using MLNet.Autoencoders.ModelLoadCheck;
using MLNet.Autoencoders.Tests.Persistence;
using MLNet.Autoencoders.Transforms.AnomalyDetection;

namespace MLNet.Autoencoders.Tests.AnomalyDetection;

/// <summary>
/// Concatenate -> autoencoder detector (with feature errors) survives plain mlContext.Model.Save / Model.Load, in a
/// new MLContext and in a fresh process, bit for bit; a threshold changed after fitting is the one saved.
/// </summary>
[TestClass]
public sealed class AutoencoderAnomalyPersistenceTests
{
    private static MLContext ml = null!;
    private static IDataView data = null!;
    private static TransformerChain<AutoencoderAnomalyTransformer> model = null!;
    private static TempDirectory directory = null!;
    private static string modelPath = null!;

    [ClassInitialize]
    public static void FitAndSave(TestContext _)
    {
        ml = new MLContext(seed: 1);
        data = PlantedOutlierData.Load(ml, inliers: 110, outliers: 10);
        var options = AnomalyTestOptions.Small();
        options.FeatureColumnName = "Copied";
        options.FeatureErrorsColumnName = "FeatureErrors";
        options.ScoringBatchSize = 32;
        model = ml.Transforms.CopyColumns("Copied", "Features")
            .Append(ml.AnomalyDetection.Trainers.Autoencoder(options))
            .Fit(data);
        directory = new TempDirectory();
        modelPath = RoundTrip.Save(ml, model, data.Schema, directory, "detector.zip");
    }

    [ClassCleanup]
    public static void Cleanup()
    {
        model.Dispose();
        directory.Dispose();
    }

    [TestMethod]
    public void SaveLoad_InNewMLContext_GivesBitIdenticalOutputsForEveryColumn()
    {
        Assert.AreEqual(data.Schema.Count, RoundTrip.WithLoaded(modelPath, (_, inputSchema) => inputSchema.Count));
        Assert.AreEqual(DataViewDump.ToText(model.Transform(data)), RoundTrip.DumpAfterLoad(modelPath, data));
    }

    [TestMethod]
    public void SaveLoad_InFreshProcess_GivesBitIdenticalOutputsForEveryColumn() =>
        RoundTrip.AssertFreshProcessReproduces(model, modelPath, data, directory);

    [TestMethod]
    public void SaveLoad_KeepsThresholdColumnsArchitectureAndHistories()
    {
        var original = model.LastTransformer;
        using var loaded = LoadDetector(modelPath);

        Assert.AreEqual(original.Threshold, loaded.Threshold);
        Assert.AreEqual(original.Columns, loaded.Columns);
        Assert.AreEqual(original.Architecture.ToString(), loaded.Architecture.ToString());
        Assert.AreEqual(original.EnsembleSize, loaded.EnsembleSize);
        CollectionAssert.AreEqual(original.Scaler.Scale.ToArray(), loaded.Scaler.Scale.ToArray());
        for (int i = 0; i < original.EnsembleSize; i++)
            CollectionAssert.AreEqual(original.LossHistories[i].ToArray(), loaded.LossHistories[i].ToArray());
        Assert.AreEqual(original.ScoringBatchSize, loaded.ScoringBatchSize);
    }

    [TestMethod]
    public void SaveLoad_ThresholdChangedAfterFit_IsTheOneSaved()
    {
        using var changed = ml.AnomalyDetection.ChangeModelThreshold(model.LastTransformer, 0.125f);
        string path = RoundTrip.Save(ml, changed, data.Schema, directory, "changed.zip");

        using var loaded = LoadDetector(path);

        Assert.AreEqual(0.125f, loaded.Threshold);
        // Only the copied feature column is needed: the saved detector alone reads "Copied".
        var input = ml.Transforms.CopyColumns("Copied", "Features").Fit(data).Transform(data);
        Assert.AreEqual(DataViewDump.ToText(changed.Transform(input)), DataViewDump.ToText(loaded.Transform(input)));
    }

    private static AutoencoderAnomalyTransformer LoadDetector(string path) =>
        RoundTrip.Find<AutoencoderAnomalyTransformer>(new MLContext().Model.Load(path, out _));
}
