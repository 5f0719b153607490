using Microsoft.ML;
using Microsoft.ML.Data;
using MLNet.Autoencoders.Estimators;
using MLNet.Autoencoders.ModelLoadCheck;
using MLNet.Autoencoders.Tests.TestData;
using MLNet.Autoencoders.Transforms;
using MLNet.Autoencoders.Transforms.Networks;

namespace MLNet.Autoencoders.Tests.Variational;

[TestClass]
public sealed class VariationalAutoencoderEstimatorTests
{
    private static MLContext ml = null!;
    private static ManifoldRow[] rows = null!;
    private static IDataView data = null!;
    private static AutoencoderTransformer model = null!;

    // One thread: these small networks train fastest that way, and tests stay quick on a busy machine.
    internal static VariationalAutoencoderOptions Options(float beta = 1f, int epochs = 60, int seed = 3) => new()
    {
        LatentDimension = 2, HiddenLayers = [32], Epochs = epochs, Beta = beta, Seed = seed, ValidationFraction = 0, NumberOfThreads = 1,
    };

    [ClassInitialize]
    public static void FitOnce(TestContext _)
    {
        ml = new MLContext(seed: 1);
        rows = ManifoldData.Rows(400);
        data = ml.Data.LoadFromEnumerable(rows);
        model = ml.Transforms.VariationalAutoencoder(Options()).Fit(data);
    }

    [ClassCleanup]
    public static void DisposeModel() => model.Dispose();

    [TestMethod]
    public void Fit_ReportsReconstructionAndKLTermsEveryEpoch_AndTheLossFalls()
    {
        var history = model.LossHistory;

        Assert.HasCount(60, history);
        foreach (var epoch in history)
        {
            CollectionAssert.AreEquivalent(new[] { EpochLoss.ReconstructionTerm, VariationalAutoencoderNetwork.KLPenalty }, epoch.TrainingTerms.Keys.ToArray());
            Assert.AreEqual(epoch.TrainingLoss, epoch.TrainingTerms.Values.Sum(), 1e-9);
            Assert.IsGreaterThan(0, epoch.TrainingTerms[VariationalAutoencoderNetwork.KLPenalty]);
        }
        Assert.IsLessThan(0.7 * history[0].TrainingLoss, history[^1].TrainingLoss);
        StringAssert.Contains(history[^1].ToString(), "kl ");
    }

    [TestMethod]
    public void Fit_KLTermPullsTheLatentsTowardUnitVariance()
    {
        using var unregularized = ml.Transforms.VariationalAutoencoder(Options(beta: 0)).Fit(data);

        var (means, logVariances) = Latents(model);
        var (plainMeans, plainLogVariances) = Latents(unregularized);
        var variance = LatentStatistics.TotalVariance(means, logVariances);
        var plainVariance = LatentStatistics.TotalVariance(plainMeans, plainLogVariances);

        foreach (double v in variance)
            Assert.IsTrue(v is > 0.6 and < 1.6, $"beta 1: aggregate posterior variances {string.Join(", ", variance)} should be near 1");
        Assert.IsGreaterThan(Math.Abs(Math.Log(variance.Max())) + 0.5, Math.Abs(Math.Log(plainVariance.Max())),
            $"beta 0: variances {string.Join(", ", plainVariance)} should be far from 1");
        Assert.IsGreaterThan(3 * LatentStatistics.MeanKL(means, logVariances), LatentStatistics.MeanKL(plainMeans, plainLogVariances));
    }

    [TestMethod]
    public void Fit_KLTermDecreasesAsBetaGrows()
    {
        double previous = double.PositiveInfinity;
        foreach (float beta in new[] { 0.25f, 1f, 4f })
        {
            using var fitted = beta == 1f ? null : ml.Transforms.VariationalAutoencoder(Options(beta)).Fit(data);
            var (means, logVariances) = Latents(fitted ?? model);
            double kl = LatentStatistics.MeanKL(means, logVariances);
            double reported = (fitted ?? model).LossHistory[^1].TrainingTerms[VariationalAutoencoderNetwork.KLPenalty] / beta;

            Assert.IsLessThan(previous, kl, $"beta {beta}");
            Assert.AreEqual(kl / ManifoldData.FeatureCount, reported, 0.5 * reported, $"beta {beta}: the reported term is the KL per input feature");
            previous = kl;
        }
    }

    [TestMethod]
    public void Transform_AddsLatentMeanLogVarianceReconstructionAndErrorColumns()
    {
        var schema = model.Transform(data).Schema;
        var shape = ml.Transforms.VariationalAutoencoder(Options()).GetOutputSchema(SchemaShapes.Of(data.Schema));

        Assert.AreEqual(new VectorDataViewType(NumberDataViewType.Single, 2), schema["Latent"].Type);
        Assert.AreEqual(new VectorDataViewType(NumberDataViewType.Single, 2), schema["LatentLogVariance"].Type);
        Assert.AreEqual(new VectorDataViewType(NumberDataViewType.Single, ManifoldData.FeatureCount), schema["Reconstruction"].Type);
        Assert.AreEqual(NumberDataViewType.Single, schema["ReconstructionError"].Type);
        Assert.IsNull(schema.GetColumnOrNull("Imputed"));
        foreach (var name in new[] { "Latent", "LatentLogVariance", "Reconstruction", "ReconstructionError" })
            Assert.IsNotNull(SchemaShapes.Find(shape, name), name);
        Assert.IsInstanceOfType<VariationalArchitecture>(model.Architecture);
    }

    [TestMethod]
    public void Transform_IsDeterministic_AndTheSameOneRowAtATime()
    {
        var first = model.Transform(data);
        Assert.AreEqual(DataViewDump.ToText(first), DataViewDump.ToText(model.Transform(data)));

        var latent = Columns.Vectors(first, "Latent");
        var engine = ml.Model.CreatePredictionEngine<ManifoldRow, Prediction>(model);
        for (int i = 0; i < 10; i++)
        {
            var prediction = engine.Predict(rows[i]);
            for (int k = 0; k < 2; k++)
                Assert.AreEqual(latent[i][k], prediction.Latent[k], 1e-5f, $"row {i}");
        }
    }

    [TestMethod]
    public void Fit_SameSeed_GivesBitIdenticalModels()
    {
        using var again = ml.Transforms.VariationalAutoencoder(Options()).Fit(data);
        using var other = ml.Transforms.VariationalAutoencoder(Options(seed: 4)).Fit(data);

        Assert.AreEqual(DataViewDump.ToText(model.Transform(data)), DataViewDump.ToText(again.Transform(data)));
        Assert.AreEqual(DataViewDump.ToText(model.Sample(20, seed: 1)), DataViewDump.ToText(again.Sample(20, seed: 1)));
        Assert.AreNotEqual(DataViewDump.ToText(model.Transform(data)), DataViewDump.ToText(other.Transform(data)));
    }

    [TestMethod]
    public void Sample_GivesRowsOfTheInputShapeInsideTheDataRange()
    {
        var samples = model.Sample(500, seed: 11);

        Assert.AreEqual(500L, samples.GetRowCount());
        Assert.AreEqual(new VectorDataViewType(NumberDataViewType.Single, ManifoldData.FeatureCount), samples.Schema["Features"].Type);
        Assert.AreEqual(new VectorDataViewType(NumberDataViewType.Single, 2), samples.Schema["Latent"].Type);
        var generated = Columns.Vectors(samples, "Features");
        for (int j = 0; j < ManifoldData.FeatureCount; j++)
        {
            float min = rows.Min(r => r.Features[j]), max = rows.Max(r => r.Features[j]);
            float margin = 0.1f * (max - min);
            int inside = generated.Count(g => g[j] >= min - margin && g[j] <= max + margin);
            Assert.IsGreaterThanOrEqualTo(0.95 * generated.Length, inside, $"feature {j}: {inside} of {generated.Length} inside [{min}, {max}] +- 10%");
        }
        // The generated rows spread over the data rather than collapsing onto its mean. (Less than the data: they are
        // decoder means, without the noise the reconstruction term leaves unexplained.)
        double spread = Enumerable.Range(0, ManifoldData.FeatureCount)
            .Average(j => Variance(generated.Select(g => g[j])) / Variance(rows.Select(r => r.Features[j])));
        Assert.IsGreaterThan(0.25, spread, $"generated variance / data variance, averaged over features: {spread}");
    }

    [TestMethod]
    public void Sample_SameSeedGivesTheSameRows_AnotherSeedOthers()
    {
        string first = DataViewDump.ToText(model.Sample(30, seed: 5));

        Assert.AreEqual(first, DataViewDump.ToText(model.Sample(30, seed: 5)));
        Assert.AreNotEqual(first, DataViewDump.ToText(model.Sample(30, seed: 6)));
    }

    [TestMethod]
    public void Decode_OfTheLatentColumn_GivesTheReconstruction()
    {
        var scored = model.Transform(data);
        var latent = Columns.Vectors(scored, "Latent");
        var reconstruction = Columns.Vectors(scored, "Reconstruction");

        var decoded = Columns.Vectors(model.Decode(latent), "Features");

        for (int i = 0; i < rows.Length; i++)
            for (int j = 0; j < ManifoldData.FeatureCount; j++)
                Assert.AreEqual(reconstruction[i][j], decoded[i][j], 1e-5f, $"row {i}, feature {j}");
    }

    [TestMethod]
    public void Interpolate_RunsFromTheFirstRowsCodeToTheSecondsInEvenSteps()
    {
        var latent = Columns.Vectors(model.Transform(data), "Latent");

        var path = model.Interpolate(rows[3].Features, rows[8].Features, steps: 5);

        var codes = Columns.Vectors(path, "Latent");
        Assert.HasCount(5, codes);
        Assert.HasCount(5, Columns.Vectors(path, "Features"));
        for (int k = 0; k < 2; k++)
        {
            Assert.AreEqual(latent[3][k], codes[0][k], 1e-5f);
            Assert.AreEqual(latent[8][k], codes[4][k], 1e-5f);
            Assert.AreEqual((codes[0][k] + codes[4][k]) / 2, codes[2][k], 1e-5f);
        }
    }

    [TestMethod]
    public void Sample_OnAPlainAutoencoder_ThrowsInvalidOperation()
    {
        using var plain = ml.Transforms.Autoencoder(new AutoencoderOptions { LatentDimension = 2, Epochs = 1, Seed = 1 }).Fit(data);

        var exception = Assert.Throws<InvalidOperationException>(() => plain.Sample(3, seed: 1));
        Assert.Contains("variational", exception.Message);
        Assert.HasCount(3, Columns.Vectors(plain.Decode([[0f, 0f], [1f, 0f], [0f, 1f]]), "Features"));
    }

    private static double Variance(IEnumerable<float> values)
    {
        var list = values.Select(v => (double)v).ToList();
        double mean = list.Average();
        return list.Average(v => (v - mean) * (v - mean));
    }

    private static (float[][] Means, float[][] LogVariances) Latents(AutoencoderTransformer fitted)
    {
        var scored = fitted.Transform(data);
        return (Columns.Vectors(scored, "Latent"), Columns.Vectors(scored, "LatentLogVariance"));
    }

    private sealed class Prediction
    {
        public float[] Latent { get; set; } = [];
    }
}
