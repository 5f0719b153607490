using MLNet.Autoencoders.Estimators.Clustering;

namespace MLNet.Autoencoders.Tests.Clustering;

/// <summary>Options that fit the clustering estimator on a few hundred rows in about a second.</summary>
internal static class ClusteringTestOptions
{
    public static AutoencoderClusteringOptions Small(int clusters = 3) => new()
    {
        NumberOfClusters = clusters,
        LatentDimension = 3,
        HiddenLayers = [16],
        PretrainingEpochs = 30,
        ClusteringEpochs = 10,
        Seed = 1,
        NumberOfThreads = 1,
    };
}
