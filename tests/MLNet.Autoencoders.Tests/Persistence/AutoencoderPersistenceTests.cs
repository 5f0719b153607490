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
        modelPath = RoundTrip.Save(ml, model, data.Schema, directory, "pipeline.zip");
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
        Assert.AreEqual(data.Schema.Count, RoundTrip.WithLoaded(modelPath, (_, inputSchema) => inputSchema.Count));
        Assert.AreEqual(DataViewDump.ToText(model.Transform(data)), RoundTrip.DumpAfterLoad(modelPath, data));
    }

    [TestMethod]
    public void SaveLoad_InFreshProcess_GivesBitIdenticalOutputsForEveryColumn() =>
        RoundTrip.AssertFreshProcessReproduces(model, modelPath, data, directory);

    [TestMethod]
    public void SaveLoad_KeepsArchitectureScalerAndLossHistory()
    {
        var original = RoundTrip.Find<AutoencoderTransformer>(model);
        RoundTrip.WithLoaded(modelPath, (chain, _) =>
        {
            var loaded = RoundTrip.Find<AutoencoderTransformer>(chain);
            Assert.AreEqual(original.Architecture.ToString(), loaded.Architecture.ToString());
            Assert.AreEqual(original.Columns, loaded.Columns);
            CollectionAssert.AreEqual(original.Scaler.Offset.ToArray(), loaded.Scaler.Offset.ToArray());
            CollectionAssert.AreEqual(original.LossHistory.ToArray(), loaded.LossHistory.ToArray());
            Assert.AreEqual(original.ScoringBatchSize, loaded.ScoringBatchSize);
            return 0;
        });
    }

    [TestMethod]
    public void SaveLoad_PredictionEngineOnLoadedModel_MatchesBatchedPath() => RoundTrip.WithLoaded(modelPath, (loaded, _) =>
    {
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
        return 0;
    });

    private sealed class ClusterPrediction
    {
        public float ReconstructionError { get; set; }

        public uint PredictedLabel { get; set; }
    }
}
