using Microsoft.ML;
using MLNet.Autoencoders.Estimators;
using MLNet.Autoencoders.Tests.Images;
using MLNet.Autoencoders.Tests.TestData;
using MLNet.Autoencoders.Transforms;

namespace MLNet.Autoencoders.Tests.Estimators;

/// <summary>Denoising and sparsity, implemented once in the shared trainer, on the convolutional network.</summary>
[TestClass]
public sealed class ConvolutionalDenoisingAndSparsityTests
{
    [TestMethod]
    public void DenoisingFit_OnHeldOutNoisyImages_ReconstructionIsCloserToCleanThanTheNoisyInput()
    {
        var ml = new MLContext(seed: 1);
        var options = ImageTestOptions.Small(epochs: 30);
        options.Noise = NoiseKind.Gaussian;
        options.NoiseLevel = 0.3f;
        using var model = ml.Transforms.ConvolutionalAutoencoder(options).Fit(SyntheticImages.Load(ml, SyntheticImages.Rows(400, seed: 3)));

        var clean = SyntheticImages.Rows(200, seed: 99);
        var noisy = SyntheticImages.WithGaussianNoise(clean, std: 0.3, seed: 5);
        var denoised = Columns.Vectors(model.Transform(SyntheticImages.Load(ml, noisy)), "Reconstruction");

        double noisyError = SyntheticImages.MeanSquaredError(noisy.Select(r => r.Pixels).ToArray(), clean);
        double denoisedError = SyntheticImages.MeanSquaredError(denoised, clean);
        Assert.IsLessThan(noisyError * 0.5, denoisedError, $"MSE(denoised, clean) {denoisedError:G4} vs MSE(noisy, clean) {noisyError:G4}");
    }

    [TestMethod]
    public void DenoisingFit_ReconstructsNoisyImagesBetterThanAPlainFit()
    {
        var ml = new MLContext(seed: 1);
        var training = SyntheticImages.Load(ml, SyntheticImages.Rows(400, seed: 3));
        var denoisingOptions = ImageTestOptions.Small(epochs: 30);
        denoisingOptions.Noise = NoiseKind.Gaussian;
        denoisingOptions.NoiseLevel = 0.3f;
        using var plain = ml.Transforms.ConvolutionalAutoencoder(ImageTestOptions.Small(epochs: 30)).Fit(training);
        using var denoising = ml.Transforms.ConvolutionalAutoencoder(denoisingOptions).Fit(training);

        var clean = SyntheticImages.Rows(200, seed: 99);
        var noisy = SyntheticImages.Load(ml, SyntheticImages.WithGaussianNoise(clean, std: 0.3, seed: 5));
        double plainError = SyntheticImages.MeanSquaredError(Columns.Vectors(plain.Transform(noisy), "Reconstruction"), clean);
        double denoisingError = SyntheticImages.MeanSquaredError(Columns.Vectors(denoising.Transform(noisy), "Reconstruction"), clean);
        Assert.IsLessThan(plainError, denoisingError, $"MSE to clean: denoising {denoisingError:G4}, plain {plainError:G4}");
    }

    [TestMethod]
    [DataRow(NoiseKind.Gaussian, 0.3f)]
    [DataRow(NoiseKind.Masking, 0.2f)]
    [DataRow(NoiseKind.SaltAndPepper, 0.1f)]
    public void DenoisingFit_SameSeed_IsBitIdentical(NoiseKind noise, float level)
    {
        var ml = new MLContext(seed: 1);
        var data = SyntheticImages.Load(ml, SyntheticImages.Rows(100));
        var options = ImageTestOptions.Small(epochs: 3);
        options.Noise = noise;
        options.NoiseLevel = level;

        using var first = ml.Transforms.ConvolutionalAutoencoder(options).Fit(data);
        using var second = ml.Transforms.ConvolutionalAutoencoder(options).Fit(data);

        CollectionAssert.AreEqual(first.LossHistory.Select(e => e.TrainingLoss).ToArray(), second.LossHistory.Select(e => e.TrainingLoss).ToArray());
        CollectionAssert.AreEqual(Columns.Floats(first.Transform(data), "ReconstructionError"), Columns.Floats(second.Transform(data), "ReconstructionError"));
    }

    [TestMethod]
    public void SparseFit_ReducesMeanAbsoluteLatentActivationAndStillReconstructs()
    {
        var ml = new MLContext(seed: 1);
        var rows = SyntheticImages.Rows(300);
        var data = SyntheticImages.Load(ml, rows);
        var sparseOptions = ImageTestOptions.Small(epochs: 15);
        sparseOptions.SparsityWeight = 0.01f;
        using var plain = ml.Transforms.ConvolutionalAutoencoder(ImageTestOptions.Small(epochs: 15)).Fit(data);
        using var sparse = ml.Transforms.ConvolutionalAutoencoder(sparseOptions).Fit(data);

        double plainL1 = Columns.Vectors(plain.Transform(data), "Latent").Average(v => v.Average(Math.Abs));
        double sparseL1 = Columns.Vectors(sparse.Transform(data), "Latent").Average(v => v.Average(Math.Abs));
        double sparseError = Columns.Floats(sparse.Transform(data), "ReconstructionError").Average();
        double baseline = SyntheticImages.PixelMeanBaselineError(rows);
        Assert.IsLessThan(plainL1 * 0.5, sparseL1, $"mean |latent|: sparse {sparseL1:G4}, plain {plainL1:G4}");
        Assert.IsLessThan(baseline * 0.6, sparseError, $"sparse reconstruction error {sparseError:G4}, pixel-mean baseline {baseline:G4}");
    }

    [TestMethod]
    public void SparseFit_ReportsTheSparsityTermEveryEpoch()
    {
        var ml = new MLContext(seed: 1);
        var options = ImageTestOptions.Small(epochs: 3);
        options.SparsityWeight = 0.1f;
        using var model = ml.Transforms.ConvolutionalAutoencoder(options).Fit(SyntheticImages.Load(ml, SyntheticImages.Rows(50)));

        Assert.HasCount(3, model.LossHistory);
        foreach (var epoch in model.LossHistory)
        {
            Assert.IsTrue(epoch.TrainingTerms.TryGetValue(EpochLoss.SparsityTerm, out double sparsity) && sparsity > 0, epoch.ToString());
            Assert.AreEqual(epoch.TrainingLoss, epoch.TrainingTerms.Values.Sum(), 1e-9);
        }
    }
}
