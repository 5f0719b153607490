using MLNet.Autoencoders.Estimators;
using MLNet.Autoencoders.Transforms.Networks;
using MLNet.Autoencoders.Transforms.Persistence;

namespace Microsoft.ML;

/// <summary>
/// Autoencoder extensions for <see cref="TransformsCatalog"/>: <c>mlContext.Transforms.Autoencoder(...)</c>.
/// </summary>
public static class AutoencoderCatalog
{
    /// <summary>
    /// Creates an <see cref="AutoencoderEstimator"/> that trains a dense autoencoder on <paramref name="inputColumnName"/>
    /// and adds its latent code as <paramref name="outputColumnName"/>, plus "Reconstruction" and "ReconstructionError".
    /// </summary>
    /// <param name="catalog">The transform catalog.</param>
    /// <param name="outputColumnName">The latent column to add. Default is "Latent".</param>
    /// <param name="inputColumnName">The known-size vector of <see cref="float"/> to encode. Default is "Features".</param>
    /// <param name="latentDimension">The size of the latent code. Default is 8.</param>
    /// <param name="hiddenLayers">The encoder's hidden layer sizes; the decoder mirrors them. Default is <see langword="null"/>: one hidden layer sized from the input and latent sizes.</param>
    /// <param name="epochs">The maximum number of epochs. Default is 100.</param>
    /// <param name="seed">The random seed. Default is <see langword="null"/>: drawn from the <c>MLContext</c>'s seed.</param>
    /// <returns>The estimator; see <see cref="AutoencoderOptions"/> for every setting.</returns>
    public static AutoencoderEstimator Autoencoder(this TransformsCatalog catalog,
        string outputColumnName = AutoencoderDefaults.LatentColumnName,
        string inputColumnName = AutoencoderDefaults.InputColumnName,
        int latentDimension = AutoencoderDefaults.LatentDimension,
        int[]? hiddenLayers = null,
        int epochs = AutoencoderDefaults.Epochs,
        int? seed = null)
    {
        return catalog.Autoencoder(new AutoencoderOptions
        {
            LatentColumnName = outputColumnName,
            InputColumnName = inputColumnName,
            LatentDimension = latentDimension,
            HiddenLayers = hiddenLayers,
            Epochs = epochs,
            Seed = seed,
        });
    }

    /// <summary>Creates an <see cref="AutoencoderEstimator"/> with every setting in <paramref name="options"/>.</summary>
    /// <param name="catalog">The transform catalog.</param>
    /// <param name="options">The columns, network shape and training settings.</param>
    /// <returns>The estimator.</returns>
    public static AutoencoderEstimator Autoencoder(this TransformsCatalog catalog, AutoencoderOptions options)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new AutoencoderEstimator(MlNetInternals.GetEnvironment(catalog), options);
    }

    /// <summary>
    /// Creates a <see cref="ConvolutionalAutoencoderEstimator"/> that trains a convolutional autoencoder on the images in
    /// <paramref name="inputColumnName"/> and adds their latent code as <paramref name="outputColumnName"/>, plus
    /// "Reconstruction" and "ReconstructionError".
    /// </summary>
    /// <param name="catalog">The transform catalog.</param>
    /// <param name="outputColumnName">The latent column to add. Default is "Latent".</param>
    /// <param name="inputColumnName">The known-size vector of <see cref="float"/> holding planar images, e.g. from <c>ExtractPixels</c>. Default is "Features".</param>
    /// <param name="latentDimension">The size of the latent code. Default is 16.</param>
    /// <param name="channels">The channel count of each encoder block, each halving the height and width; the decoder mirrors them. Default is <see langword="null"/>: [16, 32].</param>
    /// <param name="imageShape">The images' channels, height and width. Default is <see langword="null"/>: the input column's dimensions, as <c>ExtractPixels</c> sets them.</param>
    /// <param name="epochs">The maximum number of epochs. Default is 20.</param>
    /// <param name="seed">The random seed. Default is <see langword="null"/>: drawn from the <c>MLContext</c>'s seed.</param>
    /// <returns>The estimator; see <see cref="ConvolutionalAutoencoderOptions"/> for every setting.</returns>
    public static ConvolutionalAutoencoderEstimator ConvolutionalAutoencoder(this TransformsCatalog catalog,
        string outputColumnName = AutoencoderDefaults.LatentColumnName,
        string inputColumnName = AutoencoderDefaults.InputColumnName,
        int latentDimension = ConvolutionalAutoencoderDefaults.LatentDimension,
        int[]? channels = null,
        ImageShape? imageShape = null,
        int epochs = ConvolutionalAutoencoderDefaults.Epochs,
        int? seed = null)
    {
        return catalog.ConvolutionalAutoencoder(new ConvolutionalAutoencoderOptions
        {
            LatentColumnName = outputColumnName,
            InputColumnName = inputColumnName,
            LatentDimension = latentDimension,
            Channels = channels ?? ConvolutionalAutoencoderDefaults.Channels,
            ImageShape = imageShape,
            Epochs = epochs,
            Seed = seed,
        });
    }

    /// <summary>Creates a <see cref="ConvolutionalAutoencoderEstimator"/> with every setting in <paramref name="options"/>.</summary>
    /// <param name="catalog">The transform catalog.</param>
    /// <param name="options">The columns, image shape, network blocks and training settings.</param>
    /// <returns>The estimator.</returns>
    public static ConvolutionalAutoencoderEstimator ConvolutionalAutoencoder(this TransformsCatalog catalog, ConvolutionalAutoencoderOptions options)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new ConvolutionalAutoencoderEstimator(MlNetInternals.GetEnvironment(catalog), options);
    }
}
