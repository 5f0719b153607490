using Microsoft.ML;
using Microsoft.ML.Data;
using MLNet.Autoencoders.Estimators;
using MLNet.Autoencoders.ModelLoadCheck;
using MLNet.Autoencoders.Tests.TestData;
using MLNet.Autoencoders.Transforms;

namespace MLNet.Autoencoders.Tests.Persistence;

/// <summary>
/// The foundation's promise: NormalizeMeanVariance -> Autoencoder -> KMeans survives plain
/// mlContext.Model.Save / Model.Load, in a new MLContext and in a fresh process, bit for bit.
/// </summary>
[TestClass]
public sealed class AutoencoderPersistenceTests
{
    private static MLContext ml = null!;
    private static IDataView data = null!;
    private static ITransformer model = null!;
    private static TempDirectory directory = null!;
    private static string modelPath = null!;

    [ClassInitialize]
    public static void FitAndSave(TestContext _)
    {
        ml = new MLContext(seed: 1);
        data = ManifoldData.Load(ml, 120);
        var pipeline = ml.Transforms.NormalizeMeanVariance("Features")
            .Append(ml.Transforms.Autoencoder(new AutoencoderOptions { LatentDimension = 2, HiddenLayers = [12], Epochs = 15, Seed = 4, ScoringBatchSize = 50 }))
            .Append(ml.Clustering.Trainers.KMeans("Latent", numberOfClusters: 3));
        model = pipeline.Fit(data);
        directory = new TempDirectory();
        modelPath = directory.File("pipeline.zip");
        ml.Model.Save(model, data.Schema, modelPath);
    }

    [ClassCleanup]
    public static void Cleanup()
    {
        (model as IDisposable)?.Dispose();
        directory.Dispose();
    }

    [TestMethod]
    public void SaveLoad_InNewMLContext_GivesBitIdenticalOutputsForEveryColumn()
    {
        var fresh = new MLContext();
        var loaded = fresh.Model.Load(modelPath, out var inputSchema);

        Assert.AreEqual(data.Schema.Count, inputSchema.Count);
        Assert.AreEqual(DataViewDump.ToText(model.Transform(data)), DataViewDump.ToText(loaded.Transform(data)));
    }

    [TestMethod]
    public void SaveLoad_InFreshProcess_GivesBitIdenticalOutputsForEveryColumn()
    {
        string inputPath = directory.File("input.idv");
        string outputPath = directory.File("fresh-process.txt");
        PersistenceTestData.SaveBinary(ml, data, inputPath);
        var input = ml.Data.LoadFromBinary(inputPath);

        var result = ModelLoadCheckProcess.Run(modelPath, inputPath, outputPath);

        Assert.AreEqual(0, result.ExitCode, result.StandardError + result.StandardOutput);
        Assert.AreEqual(DataViewDump.ToText(model.Transform(input)), File.ReadAllText(outputPath));
    }

    [TestMethod]
    public void SaveLoad_KeepsArchitectureScalerAndLossHistory()
    {
        var original = ((IEnumerable<ITransformer>)model).OfType<AutoencoderTransformer>().Single();
        var loadedChain = (IEnumerable<ITransformer>)new MLContext().Model.Load(modelPath, out _);
        using var loaded = loadedChain.OfType<AutoencoderTransformer>().Single();

        Assert.AreEqual(original.Architecture.ToString(), loaded.Architecture.ToString());
        Assert.AreEqual(original.Columns, loaded.Columns);
        CollectionAssert.AreEqual(original.Scaler.Offset.ToArray(), loaded.Scaler.Offset.ToArray());
        CollectionAssert.AreEqual(original.LossHistory.ToArray(), loaded.LossHistory.ToArray());
        Assert.AreEqual(original.ScoringBatchSize, loaded.ScoringBatchSize);
    }

    [TestMethod]
    public void SaveLoad_PredictionEngineOnLoadedModel_MatchesBatchedPath()
    {
        var loaded = new MLContext().Model.Load(modelPath, out _);
        var rows = ManifoldData.Rows(120);
        var batched = loaded.Transform(data);
        var errors = Columns.Floats(batched, "ReconstructionError");
        var clusters = batched.GetColumn<uint>("PredictedLabel").ToArray();
        var engine = ml.Model.CreatePredictionEngine<ManifoldRow, ClusterPrediction>(loaded);

        for (int i = 0; i < 20; i++)
        {
            var prediction = engine.Predict(rows[i]);
            Assert.AreEqual(errors[i], prediction.ReconstructionError, 1e-5f + 1e-4f * errors[i], $"row {i}");
            Assert.AreEqual(clusters[i], prediction.PredictedLabel, $"row {i}");
        }
    }

    private sealed class ClusterPrediction
    {
        public float ReconstructionError { get; set; }

        public uint PredictedLabel { get; set; }
    }
}
