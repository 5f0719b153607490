using Microsoft.ML;
using MLNet.Autoencoders.ModelLoadCheck;
using MLNet.Autoencoders.Tests.Persistence;
using MLNet.Autoencoders.Tests.TestData;
using MLNet.Autoencoders.Transforms;

namespace MLNet.Autoencoders.Tests.Variational;

/// <summary>A variational autoencoder in a pipeline survives plain mlContext.Model.Save / Model.Load, bit for bit, generation included.</summary>
[TestClass]
public sealed class VariationalPersistenceTests
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
        data = ManifoldData.Load(ml, 150);
        var options = VariationalAutoencoderEstimatorTests.Options(epochs: 10);
        options.ScoringBatchSize = 64;
        var pipeline = ml.Transforms.NormalizeMeanVariance("Features")
            .Append(ml.Transforms.VariationalAutoencoder(options))
            .Append(ml.Clustering.Trainers.KMeans("Latent", numberOfClusters: 3));
        model = pipeline.Fit(data);
        directory = new TempDirectory();
        modelPath = RoundTrip.Save(ml, model, data.Schema, directory, "vae.zip");
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
        string expected = DataViewDump.ToText(model.Transform(data));
        Assert.Contains("LatentLogVariance", expected);
        Assert.AreEqual(expected, RoundTrip.DumpAfterLoad(modelPath, data));
    }

    [TestMethod]
    public void SaveLoad_InFreshProcess_GivesBitIdenticalOutputsForEveryColumn() =>
        RoundTrip.AssertFreshProcessReproduces(model, modelPath, data, directory);

    [TestMethod]
    public void SaveLoad_KeepsArchitectureColumnsAndGeneration()
    {
        var original = RoundTrip.Find<AutoencoderTransformer>(model);
        RoundTrip.WithLoaded(modelPath, (chain, _) =>
        {
            var loaded = RoundTrip.Find<AutoencoderTransformer>(chain);

            Assert.AreEqual(original.Architecture.ToString(), loaded.Architecture.ToString());
            Assert.AreEqual(original.Columns, loaded.Columns);
            CollectionAssert.AreEqual(original.LossHistory.ToArray(), loaded.LossHistory.ToArray());
            Assert.AreEqual(DataViewDump.ToText(original.Sample(25, seed: 9)), DataViewDump.ToText(loaded.Sample(25, seed: 9)));
            return 0;
        });
    }
}
