using Microsoft.ML;
using MLNet.Autoencoders.ModelLoadCheck;
using MLNet.Autoencoders.Tests.Persistence;
using MLNet.Autoencoders.Tests.TestData;
using MLNet.Autoencoders.Transforms;
using static MLNet.Autoencoders.Tests.Reliability.ReliabilityComponents;

namespace MLNet.Autoencoders.Tests.Reliability;

/// <summary>
/// One loaded model of each component serves several threads, each with its own PredictionEngine or cursor, and every
/// thread gets, bit for bit, what one thread gets. (The dense autoencoder's: ConcurrencyTests.)
/// </summary>
[TestClass]
public sealed class ComponentConcurrencyTests
{
    private const int Threads = 4;
    private const int RowCount = 150;

    // Single-row convolutions on several threads, each with libtorch's intra-op threads, crowd two cores: fewer rows keep this quick.
    private const int EngineRows = 50;
    private static TempDirectory directory = null!;
    private static readonly Dictionary<string, ITransformer> Loaded = [];

    [ClassInitialize]
    public static void Initialize(TestContext _) => directory = new TempDirectory();

    [ClassCleanup]
    public static void Cleanup()
    {
        foreach (var model in Loaded.Values)
            (model as IDisposable)?.Dispose();
        directory.Dispose();
    }

    /// <summary>The component fitted on <see cref="RowCount"/> rows, saved, and loaded in a new MLContext, with the rows it is scored on.</summary>
    private static (ReliabilityComponent Component, ITransformer Model, float[][] Rows, IDataView Data) Setup(string name)
    {
        var component = Named(name);
        var ml = new MLContext(seed: 1);
        var rows = component.Rows(RowCount, 5);
        var data = component.Load(ml, rows);
        if (!Loaded.TryGetValue(name, out var loaded))
        {
            var model = component.Estimator(ml).Fit(data);
            string path = RoundTrip.Save(ml, model, data.Schema, directory, name + ".zip");
            (model as IDisposable)?.Dispose();
            Loaded[name] = loaded = new MLContext().Model.Load(path, out _);
        }
        return (component, loaded, rows, data);
    }

    [TestMethod]
    [DataRow(AnomalyDetector)]
    [DataRow(VariationalAutoencoder)]
    [DataRow(MissingValueAutoencoder)]
    [DataRow(ConvolutionalAutoencoder)]
    [DataRow(ConvolutionalVariationalAutoencoder)]
    public void PredictionEnginesOnSeveralThreads_MatchOneThread(string name)
    {
        var (component, model, rows, _) = Setup(name);
        var ml = new MLContext();
        string[] Predict()
        {
            // ML.NET's engines dispose their model by default; these share one.
            using var engine = ml.Model.CreatePredictionEngine<FeatureRow, ScoreRow>(model, new PredictionEngineOptions
            {
                InputSchemaDefinition = FeatureRow.Definition(component.FeatureType),
                OutputSchemaDefinition = ScoreRow.Definition(component),
                OwnsTransformer = false,
            });
            return rows.Take(EngineRows).Select(r => engine.Predict(new FeatureRow { Features = r })).Select(Bits).ToArray();
        }
        var expected = Predict();
        var results = new string[Threads][];

        Parallel.For(0, Threads, new ParallelOptions { MaxDegreeOfParallelism = Threads }, t => results[t] = Predict());

        Assert.IsTrue(expected.All(e => e.Length > 0));
        foreach (var result in results)
            CollectionAssert.AreEqual(expected, result);
    }

    [TestMethod]
    [DataRow(AnomalyDetector)]
    [DataRow(VariationalAutoencoder)]
    [DataRow(MissingValueAutoencoder)]
    [DataRow(ConvolutionalAutoencoder)]
    [DataRow(ConvolutionalVariationalAutoencoder)]
    public void CursorsOverOneTransformedViewOnSeveralThreads_MatchOneThread(string name)
    {
        var (_, model, _, data) = Setup(name);
        var scored = model.Transform(data);
        string expected = DataViewDump.ToText(scored);
        var results = new string[Threads];

        Parallel.For(0, Threads, new ParallelOptions { MaxDegreeOfParallelism = Threads }, t => results[t] = DataViewDump.ToText(scored));

        StringAssert.EndsWith(expected, $"rows {RowCount}\n");
        foreach (var result in results)
            Assert.AreEqual(expected, result);
    }

    [TestMethod]
    [DataRow(AnomalyDetector)]
    [DataRow(VariationalAutoencoder)]
    [DataRow(ConvolutionalAutoencoder)]
    [DataRow(ConvolutionalVariationalAutoencoder)]
    public void CursorSetRequestedByMLNet_ReadOnSeveralThreads_CoversEveryRowOnceWithItsScore(string name)
    {
        var (component, model, _, data) = Setup(name);
        var scored = model.Transform(data);
        var expected = Columns.Floats(scored, component.ScoreColumn).Order().ToArray();
        var column = scored.Schema[component.ScoreColumn];
        var cursors = scored.GetRowCursorSet([column], n: Threads);
        var scores = new List<float>[cursors.Length];

        Parallel.For(0, cursors.Length, new ParallelOptions { MaxDegreeOfParallelism = Threads }, i =>
        {
            using var cursor = cursors[i];
            var getter = cursor.GetGetter<float>(column);
            scores[i] = [];
            float value = 0;
            while (cursor.MoveNext())
            {
                getter(ref value);
                scores[i].Add(value);
            }
        });

        CollectionAssert.AreEqual(expected, scores.SelectMany(s => s).Order().ToArray());
    }

    [TestMethod]
    public void VariationalGenerationOnSeveralThreads_MatchesOneThread()
    {
        var (_, model, rows, _) = Setup(VariationalAutoencoder);
        var vae = (AutoencoderTransformer)model;
        string Generate(int round) =>
            DataViewDump.ToText(vae.Sample(20, seed: round)) +
            DataViewDump.ToText(vae.Decode([[round, -round], [0.5f, 0.25f]])) +
            DataViewDump.ToText(vae.Interpolate(rows[round], rows[round + 1], steps: 7));
        var expected = Enumerable.Range(0, 8).Select(Generate).ToArray();
        var results = new string[Threads][];

        Parallel.For(0, Threads, new ParallelOptions { MaxDegreeOfParallelism = Threads }, t =>
            results[t] = Enumerable.Range(0, 8).Select(Generate).ToArray());

        foreach (var result in results)
            CollectionAssert.AreEqual(expected, result);
    }

    private static string Bits(ScoreRow row) =>
        string.Join(" ", row.Vector.Prepend(row.Score).Select(v => BitConverter.SingleToUInt32Bits(v).ToString("X8")));
}
