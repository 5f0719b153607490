using MLNet.Autoencoders.Estimators;
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
}
