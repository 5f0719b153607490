using MLNet.Autoencoders.Estimators.Clustering;
using MLNet.Autoencoders.Transforms.Persistence;

namespace Microsoft.ML;

/// <summary>
/// Autoencoder extensions for <see cref="ClusteringCatalog"/>: <c>mlContext.Clustering.Trainers.Autoencoder(...)</c>,
/// deep embedded clustering (IDEC) in an autoencoder's latent space.
/// </summary>
public static class AutoencoderClusteringCatalog
{
    /// <summary>
    /// Creates an <see cref="AutoencoderClusteringEstimator"/>, which pre-trains an autoencoder, starts k centres with k-means
    /// on its codes, then trains the encoder and the centres together (IDEC: reconstruction + γ KL(P‖Q)). Adds "Score"
    /// (squared distances to the centres), "PredictedLabel" (cluster id, a key 1..k) and "Latent".
    /// </summary>
    /// <param name="catalog">The clustering trainers catalog.</param>
    /// <param name="featureColumnName">The known-size vector of <see cref="float"/> to cluster. Default is "Features".</param>
    /// <param name="numberOfClusters">k, the number of clusters. Default is 5.</param>
    /// <param name="latentDimension">The size of the latent code. Default is <see langword="null"/>: min(10, max(2, features / 2)).</param>
    /// <param name="clusteringWeight">γ, the weight of the clustering term against the reconstruction error. Default is 0.1.</param>
    /// <param name="seed">The random seed. Default is <see langword="null"/>: drawn from the <c>MLContext</c>'s seed.</param>
    /// <returns>The estimator; see <see cref="AutoencoderClusteringOptions"/> for every setting.</returns>
    public static AutoencoderClusteringEstimator Autoencoder(this ClusteringCatalog.ClusteringTrainers catalog,
        string featureColumnName = AutoencoderClusteringDefaults.FeatureColumnName,
        int numberOfClusters = AutoencoderClusteringDefaults.NumberOfClusters,
        int? latentDimension = null,
        float clusteringWeight = AutoencoderClusteringDefaults.ClusteringWeight,
        int? seed = null)
    {
        return catalog.Autoencoder(new AutoencoderClusteringOptions
        {
            FeatureColumnName = featureColumnName,
            NumberOfClusters = numberOfClusters,
            LatentDimension = latentDimension,
            ClusteringWeight = clusteringWeight,
            Seed = seed,
        });
    }

    /// <summary>Creates an <see cref="AutoencoderClusteringEstimator"/> with every setting in <paramref name="options"/>.</summary>
    /// <param name="catalog">The clustering trainers catalog.</param>
    /// <param name="options">The columns, clusters, network shape and training settings.</param>
    /// <returns>The estimator.</returns>
    public static AutoencoderClusteringEstimator Autoencoder(this ClusteringCatalog.ClusteringTrainers catalog, AutoencoderClusteringOptions options)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new AutoencoderClusteringEstimator(MlNetInternals.GetEnvironment(catalog), options);
    }
}
