using Microsoft.ML;
using Microsoft.ML.Data;
using MLNet.Autoencoders.Estimators;
using MLNet.Autoencoders.Tests.TestData;
using MLNet.Autoencoders.Transforms;

namespace MLNet.Autoencoders.Tests.Training;

/// <summary>Resident memory stays flat over the epochs of a fit (it grew by hundreds of megabytes per epoch with TorchSharp's optim.Adam).</summary>
[TestClass]
public sealed class TrainingMemoryTests
{
    private const int FeatureCount = 784;

    private sealed class ImageLikeRow
    {
        [VectorType(FeatureCount)]
        public float[] Features { get; set; } = [];
    }

    private static IDataView ImageLikeRows(MLContext ml)
    {
        var random = new Random(3);
        var rows = Enumerable.Range(0, 6000)
            .Select(_ => new ImageLikeRow { Features = Enumerable.Range(0, FeatureCount).Select(_ => (float)random.NextDouble()).ToArray() })
            .ToArray();
        return ml.Data.LoadFromEnumerable(rows);
    }

    private static T Configure<T>(T options, List<long> residentAfterEpoch) where T : AutoencoderTrainingOptions
    {
        (options.LatentDimension, options.Epochs, options.BatchSize, options.ValidationFraction, options.EarlyStoppingPatience) = (64, 12, 256, 0, 0);
        (options.Scaling, options.Seed) = (InputScaling.None, 1);
        options.EpochCompleted = _ => residentAfterEpoch.Add(ResidentMemory.Megabytes());
        return options;
    }

    [TestMethod]
    [DataRow("plain")]
    [DataRow("denoising and sparse")]
    [DataRow("variational")]
    public void Fit_ManyEpochs_KeepsResidentMemoryFlat(string kind)
    {
        var ml = new MLContext(seed: 1);
        var data = ImageLikeRows(ml);
        var residentAfterEpoch = new List<long>();
        IEstimator<ITransformer> estimator = kind switch
        {
            "plain" => ml.Transforms.Autoencoder(Configure(new AutoencoderOptions { HiddenLayers = [256], OutputActivation = OutputActivation.Sigmoid }, residentAfterEpoch)),
            "denoising and sparse" => ml.Transforms.Autoencoder(Configure(
                new AutoencoderOptions { HiddenLayers = [256], Noise = NoiseKind.Gaussian, NoiseLevel = 0.1f, SparsityWeight = 0.001f }, residentAfterEpoch)),
            _ => ml.Transforms.VariationalAutoencoder(Configure(new VariationalAutoencoderOptions { HiddenLayers = [256] }, residentAfterEpoch)),
        };

        using var model = estimator.Fit(data) as IDisposable;

        // 6,000 x 784 rows leaked ~70 MB per epoch with optim.Adam; the heap guard lets the process grow 64 MB at most.
        long growth = residentAfterEpoch[^1] - residentAfterEpoch[1];
        Assert.IsLessThan(100, growth, $"RSS after each epoch (MB): {string.Join(", ", residentAfterEpoch)}");
    }
}
