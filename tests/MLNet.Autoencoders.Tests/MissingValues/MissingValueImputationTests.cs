using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms;
using MLNet.Autoencoders.Estimators;
using MLNet.Autoencoders.ModelLoadCheck;
using MLNet.Autoencoders.Tests.TestData;
using MLNet.Autoencoders.Transforms;

namespace MLNet.Autoencoders.Tests.MissingValues;

/// <summary>
/// Training on data with missing values (TreatNaNAsMissing): masked loss, filled inputs, and the imputed column,
/// checked against ML.NET's column-mean imputation on entries hidden from the model.
/// </summary>
[TestClass]
public sealed class MissingValueImputationTests
{
    private static MLContext ml = null!;
    private static HiddenEntries entries = null!;
    private static IDataView masked = null!;
    private static AutoencoderTransformer model = null!;

    internal static AutoencoderOptions Options(int epochs = 150, int seed = 3) => new()
    {
        LatentDimension = 2, HiddenLayers = [32], Epochs = epochs, Seed = seed, NumberOfThreads = 1,
        TreatNaNAsMissing = true, Noise = NoiseKind.Masking, NoiseLevel = 0.2f,
    };

    [ClassInitialize]
    public static void FitOnce(TestContext _)
    {
        ml = new MLContext(seed: 1);
        entries = new HiddenEntries(400, fraction: 0.2);
        masked = ml.Data.LoadFromEnumerable(entries.Masked);
        model = ml.Transforms.Autoencoder(Options()).Fit(masked);
    }

    [ClassCleanup]
    public static void DisposeModel() => model.Dispose();

    [TestMethod]
    public void Imputed_With20PercentHidden_BeatsColumnMeanImputationOnTheHiddenEntries()
    {
        var meanFilled = ml.Transforms.ReplaceMissingValues("Features", replacementMode: MissingValueReplacingEstimator.ReplacementMode.Mean)
            .Fit(masked).Transform(masked);

        double autoencoder = entries.HiddenRmse(Columns.Vectors(model.Transform(masked), "Imputed"));
        double mean = entries.HiddenRmse(Columns.Vectors(meanFilled, "Features"));

        Assert.IsLessThan(0.7 * mean, autoencoder, $"autoencoder RMSE {autoencoder:F4}, column-mean RMSE {mean:F4}");
    }

    [TestMethod]
    public void Imputed_ByAVariationalAutoencoder_AlsoBeatsColumnMeanImputation()
    {
        var options = new VariationalAutoencoderOptions
        {
            LatentDimension = 2, HiddenLayers = [32], Epochs = 150, Seed = 3, NumberOfThreads = 1, Beta = 0.1f,
            TreatNaNAsMissing = true, Noise = NoiseKind.Masking, NoiseLevel = 0.2f,
        };
        using var vae = ml.Transforms.VariationalAutoencoder(options).Fit(masked);
        var meanFilled = ml.Transforms.ReplaceMissingValues("Features", replacementMode: MissingValueReplacingEstimator.ReplacementMode.Mean)
            .Fit(masked).Transform(masked);

        double variational = entries.HiddenRmse(Columns.Vectors(vae.Transform(masked), "Imputed"));
        double mean = entries.HiddenRmse(Columns.Vectors(meanFilled, "Features"));

        Assert.IsLessThan(0.7 * mean, variational, $"VAE RMSE {variational:F4}, column-mean RMSE {mean:F4}");
    }

    [TestMethod]
    public void Imputed_KeepsObservedEntriesAndFillsEveryMissingOne()
    {
        var scored = model.Transform(masked);
        var imputed = Columns.Vectors(scored, "Imputed");
        var reconstruction = Columns.Vectors(scored, "Reconstruction");

        for (int i = 0; i < entries.Masked.Length; i++)
        {
            for (int j = 0; j < ManifoldData.FeatureCount; j++)
            {
                float expected = entries.Hidden[i][j] ? reconstruction[i][j] : entries.Masked[i].Features[j];
                Assert.AreEqual(expected, imputed[i][j], $"row {i}, feature {j}");
                Assert.IsTrue(float.IsFinite(imputed[i][j]), $"row {i}, feature {j}");
            }
        }
    }

    [TestMethod]
    public void ReconstructionError_AveragesOverTheObservedEntriesOnly()
    {
        var scored = model.Transform(masked);
        var reconstruction = Columns.Vectors(scored, "Reconstruction");
        var error = Columns.Floats(scored, "ReconstructionError");

        for (int i = 0; i < entries.Masked.Length; i++)
        {
            var observed = Enumerable.Range(0, ManifoldData.FeatureCount).Where(j => !entries.Hidden[i][j]).ToArray();
            if (observed.Length == 0)
            {
                Assert.IsTrue(float.IsNaN(error[i]), $"row {i} has no observed entry");
                continue;
            }
            double expected = observed.Average(j => Math.Pow(entries.Masked[i].Features[j] - reconstruction[i][j], 2));
            Assert.AreEqual(expected, error[i], 1e-5 + 1e-4 * expected, $"row {i}");
        }
    }

    [TestMethod]
    public void Transform_RowWithEveryEntryMissing_IsImputedFromTheTrainingMeans()
    {
        var empty = new ManifoldRow { Features = Enumerable.Repeat(float.NaN, ManifoldData.FeatureCount).ToArray() };
        var scored = model.Transform(ml.Data.LoadFromEnumerable(new[] { empty }));

        Assert.IsTrue(float.IsNaN(Columns.Floats(scored, "ReconstructionError")[0]));
        Assert.IsTrue(Columns.Vectors(scored, "Imputed")[0].All(float.IsFinite));
        Assert.IsTrue(Columns.Vectors(scored, "Latent")[0].All(float.IsFinite));
        Assert.HasCount(ManifoldData.FeatureCount, model.Scaler.MissingValueFill!);
    }

    [TestMethod]
    public void Fit_SameSeed_GivesBitIdenticalModels()
    {
        var options = Options(epochs: 5);
        using var first = ml.Transforms.Autoencoder(options).Fit(masked);
        using var second = ml.Transforms.Autoencoder(options).Fit(masked);

        Assert.AreEqual(DataViewDump.ToText(first.Transform(masked)), DataViewDump.ToText(second.Transform(masked)));
    }

    [TestMethod]
    public void Schema_WithTreatNaNAsMissing_HasTheImputedColumn_AndWithoutItNot()
    {
        var shape = SchemaShapes.Of(masked.Schema);
        var without = Options();
        without.TreatNaNAsMissing = false;

        Assert.AreEqual(new VectorDataViewType(NumberDataViewType.Single, ManifoldData.FeatureCount), model.Transform(masked).Schema["Imputed"].Type);
        Assert.IsNotNull(SchemaShapes.Find(ml.Transforms.Autoencoder(Options()).GetOutputSchema(shape), "Imputed"));
        Assert.IsNull(SchemaShapes.Find(ml.Transforms.Autoencoder(without).GetOutputSchema(shape), "Imputed"));
        Assert.AreEqual("Imputed", model.Columns.Imputed);
    }
}
