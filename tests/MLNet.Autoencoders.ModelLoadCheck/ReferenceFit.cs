using Microsoft.ML;
using MLNet.Autoencoders.Estimators;
using MLNet.Autoencoders.Estimators.AnomalyDetection;

namespace MLNet.Autoencoders.ModelLoadCheck;

/// <summary>
/// The fits that the determinism tests run both in the test process and in a fresh ModelLoadCheck process: the same
/// data and seed must give bit-identical outputs in both. One small configuration per component, each with the
/// randomness it can have (initialisation, shuffling, validation splits, noise, the VAE's sampling, ensemble seeds).
/// </summary>
internal static class ReferenceFit
{
    public const string DenseAutoencoder = nameof(DenseAutoencoder);
    public const string AnomalyDetector = nameof(AnomalyDetector);
    public const string VariationalAutoencoder = nameof(VariationalAutoencoder);
    public const string MissingValueAutoencoder = nameof(MissingValueAutoencoder);
    public const string ConvolutionalAutoencoder = nameof(ConvolutionalAutoencoder);
    public const string ConvolutionalVariationalAutoencoder = nameof(ConvolutionalVariationalAutoencoder);

    /// <summary>The components <see cref="FitAndDump"/> knows.</summary>
    public static IReadOnlyList<string> Components { get; } =
        [DenseAutoencoder, AnomalyDetector, VariationalAutoencoder, MissingValueAutoencoder, ConvolutionalAutoencoder, ConvolutionalVariationalAutoencoder];

    /// <summary>
    /// Fits <paramref name="component"/> with <paramref name="seed"/> on the "Features" column of <paramref name="input"/>
    /// (for the convolutional ones, images with their dimensions) and dumps its outputs on <paramref name="input"/>.
    /// </summary>
    public static string FitAndDump(MLContext ml, IDataView input, int seed, string component = DenseAutoencoder)
    {
        var model = Estimator(ml, component, seed).Fit(input);
        try
        {
            return DataViewDump.ToText(model.Transform(input));
        }
        finally
        {
            (model as IDisposable)?.Dispose();
        }
    }

    private static IEstimator<ITransformer> Estimator(MLContext ml, string component, int seed) => component switch
    {
        DenseAutoencoder => ml.Transforms.Autoencoder(new AutoencoderOptions
        {
            LatentDimension = 2, HiddenLayers = [12], Epochs = 5, Noise = NoiseKind.Gaussian, NoiseLevel = 0.1f, Seed = seed,
        }),
        AnomalyDetector => ml.AnomalyDetection.Trainers.Autoencoder(new AutoencoderAnomalyOptions
        {
            EnsembleSize = 3, Epochs = 5, FeatureErrorsColumnName = "FeatureErrors", Seed = seed,
        }),
        VariationalAutoencoder => ml.Transforms.VariationalAutoencoder(new VariationalAutoencoderOptions
        {
            LatentDimension = 2, HiddenLayers = [12], Epochs = 5, Seed = seed,
        }),
        MissingValueAutoencoder => ml.Transforms.Autoencoder(new AutoencoderOptions
        {
            LatentDimension = 2, HiddenLayers = [12], Epochs = 5, TreatNaNAsMissing = true, Noise = NoiseKind.Masking, NoiseLevel = 0.2f, Seed = seed,
        }),
        ConvolutionalAutoencoder => ml.Transforms.ConvolutionalAutoencoder(new ConvolutionalAutoencoderOptions
        {
            InputColumnName = "Features", LatentDimension = 4, Channels = [4, 8], Epochs = 3, BatchSize = 16, Noise = NoiseKind.Gaussian, Seed = seed,
        }),
        ConvolutionalVariationalAutoencoder => ml.Transforms.ConvolutionalVariationalAutoencoder(new ConvolutionalVariationalAutoencoderOptions
        {
            InputColumnName = "Features", LatentDimension = 4, Channels = [4, 8], Epochs = 3, BatchSize = 16, Seed = seed,
        }),
        _ => throw new ArgumentException($"Unknown component '{component}'; expected one of {string.Join(", ", Components)}.", nameof(component)),
    };
}
