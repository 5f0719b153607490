using Microsoft.ML;
using Microsoft.ML.Data;
using MLNet.Autoencoders.Estimators;

namespace MLNet.Autoencoders.Tests.Reliability;

/// <summary>Process memory stays flat when a model scores the same data over and over.</summary>
[TestClass]
public sealed class MemoryTests
{
    private const int FeatureCount = 64;

    private sealed class WideRow
    {
        [VectorType(FeatureCount)]
        public float[] Features { get; set; } = [];
    }

    private static long ResidentBytes() =>
        long.Parse(File.ReadAllText("/proc/self/statm").Split(' ')[1]) * Environment.SystemPageSize;

    private static void ReadAll(IDataView scored)
    {
        var schema = scored.Schema;
        using var cursor = scored.GetRowCursor([schema["Latent"], schema["Reconstruction"], schema["ReconstructionError"]]);
        var reconstruction = cursor.GetGetter<VBuffer<float>>(schema["Reconstruction"]);
        var latent = cursor.GetGetter<VBuffer<float>>(schema["Latent"]);
        VBuffer<float> value = default, code = default;
        while (cursor.MoveNext())
        {
            reconstruction(ref value);
            latent(ref code);
        }
    }

    [TestMethod]
    public void ThousandTransformsWithFullCursors_KeepResidentMemoryFlat()
    {
        var ml = new MLContext(seed: 1);
        var random = new Random(3);
        var rows = Enumerable.Range(0, 250).Select(_ => new WideRow { Features = Enumerable.Range(0, FeatureCount).Select(_ => (float)random.NextDouble()).ToArray() }).ToArray();
        var data = ml.Data.Cache(ml.Data.LoadFromEnumerable(rows));
        using var model = ml.Transforms.Autoencoder(new AutoencoderOptions { LatentDimension = 8, HiddenLayers = [32], Epochs = 1, Seed = 1, ScoringBatchSize = 128 }).Fit(data);
        for (int pass = 0; pass < 50; pass++)
            ReadAll(model.Transform(data));
        GC.Collect();
        long warm = ResidentBytes();

        for (int pass = 0; pass < 1000; pass++)
            ReadAll(model.Transform(data));
        GC.Collect();
        long after = ResidentBytes();

        double growth = (after - warm) / (double)warm;
        Assert.IsLessThan(0.05, growth, $"RSS {warm / 1048576} MB after warm-up, {after / 1048576} MB after 1,000 more passes");
    }
}
