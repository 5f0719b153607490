using Microsoft.ML;
using MLNet.Autoencoders.Estimators;
using MLNet.Autoencoders.Tests.TestData;
using MLNet.Autoencoders.Transforms;

namespace MLNet.Autoencoders.Tests.Estimators;

[TestClass]
public sealed class DenoisingAndSparsityTests
{
    private static AutoencoderOptions Options(NoiseKind noise = NoiseKind.None, float level = 0.1f, float sparsity = 0) => new()
    {
        LatentDimension = 2,
        HiddenLayers = [24],
        Epochs = 60,
        BatchSize = 32,
        LearningRate = 0.01f,
        ValidationFraction = 0,
        Noise = noise,
        NoiseLevel = level,
        SparsityWeight = sparsity,
        Seed = 11,
    };

    private static ManifoldRow[] WithGaussianNoise(ManifoldRow[] rows, double std, int seed)
    {
        var random = new Random(seed);
        return rows.Select(r => new ManifoldRow
        {
            Features = r.Features.Select(v => (float)(v + std * NormalSample(random))).ToArray(),
        }).ToArray();
    }

    private static double NormalSample(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    private static double MeanSquaredDistance(float[][] a, ManifoldRow[] b) =>
        a.Zip(b, (x, y) => x.Zip(y.Features, (p, q) => (double)(p - q) * (p - q)).Average()).Average();

    [TestMethod]
    public void DenoisingFit_OnHeldOutNoisyRows_ReconstructionIsCloserToCleanThanTheNoisyInput()
    {
        var ml = new MLContext(seed: 1);
        var clean = ManifoldData.Rows(400, seed: 3, noise: 0);
        var options = Options(NoiseKind.Gaussian, level: 0.3f);
        options.HiddenLayers = [32, 16];
        options.Epochs = 200;
        using var model = ml.Transforms.Autoencoder(options).Fit(ml.Data.LoadFromEnumerable(clean));

        var heldOutClean = ManifoldData.Rows(200, seed: 99, noise: 0);
        var heldOutNoisy = WithGaussianNoise(heldOutClean, std: 0.15, seed: 5);
        var denoised = Columns.Vectors(model.Transform(ml.Data.LoadFromEnumerable(heldOutNoisy)), "Reconstruction");

        double noisyError = heldOutNoisy.Zip(heldOutClean, (n, c) => n.Features.Zip(c.Features, (p, q) => (double)(p - q) * (p - q)).Average()).Average();
        double denoisedError = MeanSquaredDistance(denoised, heldOutClean);
        Assert.IsLessThan(noisyError * 0.7, denoisedError, $"MSE(denoised, clean) {denoisedError:G4} vs MSE(noisy, clean) {noisyError:G4}");
    }

    [TestMethod]
    [DataRow(NoiseKind.Gaussian, 0.3f)]
    [DataRow(NoiseKind.Masking, 0.2f)]
    [DataRow(NoiseKind.SaltAndPepper, 0.1f)]
    public void DenoisingFit_SameSeed_IsReproducible(NoiseKind noise, float level)
    {
        var ml = new MLContext(seed: 1);
        var data = ManifoldData.Load(ml, 100);
        var options = Options(noise, level);
        options.Epochs = 5;

        using var first = ml.Transforms.Autoencoder(options).Fit(data);
        using var second = ml.Transforms.Autoencoder(options).Fit(data);

        CollectionAssert.AreEqual(first.LossHistory.Select(e => e.TrainingLoss).ToArray(), second.LossHistory.Select(e => e.TrainingLoss).ToArray());
    }

    [TestMethod]
    public void SparseFit_ReducesMeanAbsoluteLatentActivation()
    {
        var ml = new MLContext(seed: 1);
        var data = ManifoldData.Load(ml, 300);
        using var plain = ml.Transforms.Autoencoder(Options()).Fit(data);
        using var sparse = ml.Transforms.Autoencoder(Options(sparsity: 0.5f)).Fit(data);

        double plainL1 = Columns.Vectors(plain.Transform(data), "Latent").Average(v => v.Average(Math.Abs));
        double sparseL1 = Columns.Vectors(sparse.Transform(data), "Latent").Average(v => v.Average(Math.Abs));
        Assert.IsLessThan(plainL1 * 0.5, sparseL1, $"mean |latent|: sparse {sparseL1:G4}, plain {plainL1:G4}");
    }

    [TestMethod]
    public void SparseFit_ReportsTheSparsityTermEveryEpoch()
    {
        var ml = new MLContext(seed: 1);
        var options = Options(sparsity: 0.1f);
        options.Epochs = 3;
        using var model = ml.Transforms.Autoencoder(options).Fit(ManifoldData.Load(ml, 50));

        foreach (var epoch in model.LossHistory)
        {
            Assert.IsTrue(epoch.TrainingTerms.TryGetValue(EpochLoss.SparsityTerm, out double sparsity) && sparsity > 0, epoch.ToString());
            Assert.AreEqual(epoch.TrainingLoss, epoch.TrainingTerms.Values.Sum(), 1e-9);
            StringAssert.Contains(epoch.ToString(), "sparsity");
        }
    }

    [TestMethod]
    [DataRow(NoiseKind.Masking, 1.5f, "'NoiseLevel' must be in (0, 1] for Masking noise. Got 1.5.")]
    [DataRow(NoiseKind.Gaussian, 0f, "'NoiseLevel' must be in (0, 100] (a standard deviation in scaled units; more leaves no signal to denoise) for Gaussian noise. Got 0.")]
    [DataRow(NoiseKind.Gaussian, 1e30f, "'NoiseLevel' must be in (0, 100] (a standard deviation in scaled units; more leaves no signal to denoise) for Gaussian noise. Got 1E+30.")]
    public void Options_BadNoiseLevel_ThrowsWithNameRuleAndValue(NoiseKind noise, float level, string message)
    {
        var exception = Assert.Throws<ArgumentOutOfRangeException>(() => new MLContext().Transforms.Autoencoder(Options(noise, level)));
        Assert.Contains(message, exception.Message);
    }

    [TestMethod]
    public void Options_NegativeSparsityWeight_Throws()
    {
        var exception = Assert.Throws<ArgumentOutOfRangeException>(() => new MLContext().Transforms.Autoencoder(Options(sparsity: -1)));
        Assert.Contains("'SparsityWeight' must be in [0, 1000]", exception.Message);
    }
}
