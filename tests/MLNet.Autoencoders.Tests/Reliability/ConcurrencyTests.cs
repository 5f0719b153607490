using Microsoft.ML;
using Microsoft.ML.Data;
using MLNet.Autoencoders.Estimators;
using MLNet.Autoencoders.Tests.Persistence;
using MLNet.Autoencoders.Tests.TestData;

namespace MLNet.Autoencoders.Tests.Reliability;

/// <summary>One loaded model serves several threads: each gets the results a single thread gets.</summary>
[TestClass]
public sealed class ConcurrencyTests
{
    private static MLContext ml = null!;
    private static ManifoldRow[] rows = null!;
    private static IDataView data = null!;
    private static ITransformer loaded = null!;
    private static TempDirectory directory = null!;

    private sealed class Scores
    {
        public float[] Latent { get; set; } = [];
        public float ReconstructionError { get; set; }
    }

    [ClassInitialize]
    public static void FitSaveLoad(TestContext context)
    {
        ml = new MLContext(seed: 1);
        rows = ManifoldData.Rows(300);
        data = ml.Data.LoadFromEnumerable(rows);
        using var model = ml.Transforms.Autoencoder(new AutoencoderOptions { LatentDimension = 2, HiddenLayers = [12], Epochs = 3, Seed = 1, ScoringBatchSize = 32 }).Fit(data);
        directory = new TempDirectory();
        string path = directory.File("model.zip");
        ml.Model.Save(model, data.Schema, path);
        loaded = ml.Model.Load(path, out _);
    }

    [ClassCleanup]
    public static void Cleanup()
    {
        (loaded as IDisposable)?.Dispose();
        directory.Dispose();
    }

    [TestMethod]
    public void PredictionEnginesOnSeveralThreads_MatchOneThread()
    {
        var single = ml.Model.CreatePredictionEngine<ManifoldRow, Scores>(loaded);
        var expected = rows.Select(r => single.Predict(r).ReconstructionError).ToArray();
        var results = new float[4][];

        Parallel.For(0, results.Length, new ParallelOptions { MaxDegreeOfParallelism = results.Length }, t =>
        {
            var engine = ml.Model.CreatePredictionEngine<ManifoldRow, Scores>(loaded);
            results[t] = rows.Select(r => engine.Predict(r).ReconstructionError).ToArray();
        });

        foreach (var result in results)
            CollectionAssert.AreEqual(expected, result);
    }

    [TestMethod]
    public void CursorsOverOneTransformedViewOnSeveralThreads_MatchOneThread()
    {
        var scored = loaded.Transform(data);
        string expected = string.Join(",", Columns.Floats(scored, "ReconstructionError"));
        var results = new string[4];

        Parallel.For(0, results.Length, new ParallelOptions { MaxDegreeOfParallelism = results.Length }, t =>
            results[t] = string.Join(",", Columns.Floats(scored, "ReconstructionError")));

        foreach (var result in results)
            Assert.AreEqual(expected, result);
    }

    [TestMethod]
    public void FitsOnSeveralThreads_MatchTheSameFitsOneAfterAnother()
    {
        // Fits share process-wide state (libtorch's thread pool, glibc's heap settings while fitting): concurrent fits
        // must neither disturb each other's numbers nor leave those settings behind half-restored.
        AutoencoderOptions Options(int seed) => new() { LatentDimension = 2, HiddenLayers = [12], Epochs = 4, Seed = seed };
        string Fit(int seed)
        {
            using var model = ml.Transforms.Autoencoder(Options(seed)).Fit(data);
            return string.Join(";", model.LossHistory.Select(e => $"{e.TrainingLoss:R}/{e.ValidationLoss:R}"));
        }
        var expected = Enumerable.Range(1, 4).Select(Fit).ToArray();
        var results = new string[4];

        Parallel.For(0, results.Length, new ParallelOptions { MaxDegreeOfParallelism = results.Length }, t => results[t] = Fit(t + 1));

        CollectionAssert.AreEqual(expected, results);
    }

    [TestMethod]
    public void CursorSetRequestedByMLNet_CoversEveryRowOnce()
    {
        var scored = loaded.Transform(data);
        var column = scored.Schema["ReconstructionError"];
        var cursors = scored.GetRowCursorSet([column], n: 4);
        int count = 0;
        foreach (var cursor in cursors)
        {
            using (cursor)
            {
                while (cursor.MoveNext())
                    count++;
            }
        }

        Assert.AreEqual(rows.Length, count);
    }
}
