using Microsoft.ML;
using Microsoft.ML.Data;
using MLNet.Autoencoders.ModelLoadCheck;
using MLNet.Autoencoders.Tests.Persistence;
using MLNet.Autoencoders.Transforms.Clustering;

namespace MLNet.Autoencoders.Tests.Clustering;

/// <summary>A clustering model survives mlContext.Model.Save / Model.Load bit for bit, and a PredictionEngine assigns rows as Transform does.</summary>
[TestClass]
public sealed class AutoencoderClusteringPersistenceTests
{
    private static MLContext ml = null!;
    private static IDataView data = null!;
    private static AutoencoderClusteringTransformer model = null!;
    private static TempDirectory directory = null!;
    private static string modelPath = null!;

    [ClassInitialize]
    public static void FitAndSave(TestContext _)
    {
        ml = new MLContext(seed: 1);
        data = ClusteredBlobs.Load(ml, rowsPerCluster: 30);
        var options = ClusteringTestOptions.Small();
        options.SoftAssignmentColumnName = "Soft";
        options.ScoringBatchSize = 16;
        model = ml.Clustering.Trainers.Autoencoder(options).Fit(data);
        directory = new TempDirectory();
        modelPath = RoundTrip.Save(ml, model, data.Schema, directory, "clustering.zip");
    }

    [ClassCleanup]
    public static void Cleanup()
    {
        model.Dispose();
        directory.Dispose();
    }

    [TestMethod]
    public void SaveLoad_InNewMLContext_GivesBitIdenticalOutputsForEveryColumn() =>
        Assert.AreEqual(DataViewDump.ToText(model.Transform(data)), RoundTrip.DumpAfterLoad(modelPath, data));

    [TestMethod]
    public void SaveLoad_InFreshProcess_GivesBitIdenticalOutputsForEveryColumn() =>
        RoundTrip.AssertFreshProcessReproduces(model, modelPath, data, directory);

    [TestMethod]
    public void SaveLoad_KeepsCentresColumnsAndHistories()
    {
        RoundTrip.WithLoaded(modelPath, (loaded, _) =>
        {
            var clustering = RoundTrip.Find<AutoencoderClusteringTransformer>(loaded);
            Assert.AreEqual(model.Columns, clustering.Columns);
            Assert.AreEqual(model.Architecture.ToString(), clustering.Architecture.ToString());
            CollectionAssert.AreEqual(model.GetCentres().SelectMany(c => c).ToArray(), clustering.GetCentres().SelectMany(c => c).ToArray());
            CollectionAssert.AreEqual(model.PretrainingLossHistory.ToArray(), clustering.PretrainingLossHistory.ToArray());
            CollectionAssert.AreEqual(model.ClusteringLossHistory.ToArray(), clustering.ClusteringLossHistory.ToArray());
            return 0;
        });
    }

    [TestMethod]
    public void PredictionEngine_OneRowAtATime_MatchesTransform()
    {
        var rows = ml.Data.CreateEnumerable<ClusteredBlobs.BlobRow>(data, reuseRowObject: false).ToList();
        var output = model.Transform(data);
        uint[] clusters = [.. output.GetColumn<uint>("PredictedLabel")];
        float[][] scores = [.. output.GetColumn<float[]>("Score")];
        var engine = ml.Model.CreatePredictionEngine<ClusteredBlobs.BlobRow, Prediction>(model);

        for (int i = 0; i < rows.Count; i++)
        {
            var prediction = engine.Predict(rows[i]);
            Assert.AreEqual(clusters[i], prediction.PredictedLabel, $"row {i}");
            // A one-row forward pass may round the last bit differently from a batched one.
            for (int c = 0; c < scores[i].Length; c++)
                Assert.AreEqual(scores[i][c], prediction.Score[c], 1e-5 * Math.Max(1, scores[i][c]), $"row {i}, cluster {c}");
        }
    }

    [TestMethod]
    public void Transform_AfterDispose_ThrowsObjectDisposed()
    {
        var loaded = RoundTrip.Find<AutoencoderClusteringTransformer>(new MLContext().Model.Load(modelPath, out _));
        loaded.Dispose();
        Assert.ThrowsExactly<ObjectDisposedException>(() => loaded.Transform(data));
    }

    private sealed class Prediction
    {
        public uint PredictedLabel { get; set; }

        public float[] Score { get; set; } = [];
    }
}
