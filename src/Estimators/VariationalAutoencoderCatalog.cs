using MLNet.Autoencoders.Estimators;
using MLNet.Autoencoders.Transforms.Networks;
using MLNet.Autoencoders.Transforms.Persistence;

namespace Microsoft.ML;

/// <summary>
/// Variational autoencoder extensions for <see cref="TransformsCatalog"/>: <c>mlContext.Transforms.VariationalAutoencoder(...)</c>
/// (dense) and <c>mlContext.Transforms.ConvolutionalVariationalAutoencoder(...)</c> (images).
/// </summary>
public static class VariationalAutoencoderCatalog
{
    /// <summary>
    /// Creates a <see cref="VariationalAutoencoderEstimator"/> that trains a dense variational autoencoder on
    /// <paramref name="inputColumnName"/> and adds the posterior mean as <paramref name="outputColumnName"/>, plus
    /// "LatentLogVariance", "Reconstruction" and "ReconstructionError".
    /// </summary>
    /// <param name="catalog">The transform catalog.</param>
    /// <param name="outputColumnName">The latent (posterior mean) column to add. Default is "Latent".</param>
    /// <param name="inputColumnName">The known-size vector of <see cref="float"/> to encode. Default is "Features".</param>
    /// <param name="latentDimension">The size of the latent code. Default is 8.</param>
    /// <param name="beta">The weight of the KL term. Default is 1.</param>
    /// <param name="hiddenLayers">The encoder's hidden layer sizes; the decoder mirrors them. Default is <see langword="null"/>: one hidden layer sized from the input and latent sizes.</param>
    /// <param name="epochs">The maximum number of epochs. Default is 100.</param>
    /// <param name="seed">The random seed. Default is <see langword="null"/>: drawn from the <c>MLContext</c>'s seed.</param>
    /// <returns>The estimator; see <see cref="VariationalAutoencoderOptions"/> for every setting.</returns>
    public static VariationalAutoencoderEstimator VariationalAutoencoder(this TransformsCatalog catalog,
        string outputColumnName = AutoencoderDefaults.LatentColumnName,
        string inputColumnName = AutoencoderDefaults.InputColumnName,
        int latentDimension = AutoencoderDefaults.LatentDimension,
        float beta = AutoencoderDefaults.Beta,
        int[]? hiddenLayers = null,
        int epochs = AutoencoderDefaults.Epochs,
        int? seed = null)
    {
        return catalog.VariationalAutoencoder(new VariationalAutoencoderOptions
        {
            LatentColumnName = outputColumnName,
            InputColumnName = inputColumnName,
            LatentDimension = latentDimension,
            Beta = beta,
            HiddenLayers = hiddenLayers,
            Epochs = epochs,
            Seed = seed,
        });
    }

    /// <summary>Creates a <see cref="VariationalAutoencoderEstimator"/> with every setting in <paramref name="options"/>.</summary>
    /// <param name="catalog">The transform catalog.</param>
    /// <param name="options">The columns, network shape, KL weight and training settings.</param>
    /// <returns>The estimator.</returns>
    public static VariationalAutoencoderEstimator VariationalAutoencoder(this TransformsCatalog catalog, VariationalAutoencoderOptions options)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new VariationalAutoencoderEstimator(MlNetInternals.GetEnvironment(catalog), options);
    }

    /// <summary>
    /// Creates a <see cref="ConvolutionalVariationalAutoencoderEstimator"/> that trains a convolutional variational autoencoder on the
    /// images in <paramref name="inputColumnName"/> and adds the posterior mean as <paramref name="outputColumnName"/>, plus
    /// "LatentLogVariance", "Reconstruction" and "ReconstructionError".
    /// </summary>
    /// <param name="catalog">The transform catalog.</param>
    /// <param name="outputColumnName">The latent (posterior mean) column to add. Default is "Latent".</param>
    /// <param name="inputColumnName">The known-size vector of <see cref="float"/> holding planar images, e.g. from <c>ExtractPixels</c>. Default is "Features".</param>
    /// <param name="latentDimension">The size of the latent code. Default is 16.</param>
    /// <param name="beta">The weight of the KL term. Default is 1.</param>
    /// <param name="channels">The channel count of each encoder block, each halving the height and width; the decoder mirrors them. Default is <see langword="null"/>: [16, 32].</param>
    /// <param name="imageShape">The images' channels, height and width. Default is <see langword="null"/>: the input column's dimensions, as <c>ExtractPixels</c> sets them.</param>
    /// <param name="epochs">The maximum number of epochs. Default is 20.</param>
    /// <param name="seed">The random seed. Default is <see langword="null"/>: drawn from the <c>MLContext</c>'s seed.</param>
    /// <returns>The estimator; see <see cref="ConvolutionalVariationalAutoencoderOptions"/> for every setting.</returns>
    public static ConvolutionalVariationalAutoencoderEstimator ConvolutionalVariationalAutoencoder(this TransformsCatalog catalog,
        string outputColumnName = AutoencoderDefaults.LatentColumnName,
        string inputColumnName = AutoencoderDefaults.InputColumnName,
        int latentDimension = ConvolutionalAutoencoderDefaults.LatentDimension,
        float beta = AutoencoderDefaults.Beta,
        int[]? channels = null,
        ImageShape? imageShape = null,
        int epochs = ConvolutionalAutoencoderDefaults.Epochs,
        int? seed = null)
    {
        return catalog.ConvolutionalVariationalAutoencoder(new ConvolutionalVariationalAutoencoderOptions
        {
            LatentColumnName = outputColumnName,
            InputColumnName = inputColumnName,
            LatentDimension = latentDimension,
            Beta = beta,
            Channels = channels ?? ConvolutionalAutoencoderDefaults.Channels,
            ImageShape = imageShape,
            Epochs = epochs,
            Seed = seed,
        });
    }

    /// <summary>Creates a <see cref="ConvolutionalVariationalAutoencoderEstimator"/> with every setting in <paramref name="options"/>.</summary>
    /// <param name="catalog">The transform catalog.</param>
    /// <param name="options">The columns, image shape, network blocks, KL weight and training settings.</param>
    /// <returns>The estimator.</returns>
    public static ConvolutionalVariationalAutoencoderEstimator ConvolutionalVariationalAutoencoder(this TransformsCatalog catalog,
        ConvolutionalVariationalAutoencoderOptions options)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new ConvolutionalVariationalAutoencoderEstimator(MlNetInternals.GetEnvironment(catalog), options);
    }
}
