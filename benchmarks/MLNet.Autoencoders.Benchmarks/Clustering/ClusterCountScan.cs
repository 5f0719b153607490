using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;
using MLNet.Autoencoders.Estimators.Clustering;
using MLNet.Autoencoders.Examples.Shared;

namespace MLNet.Autoencoders.Benchmarks.Clustering;

/// <summary>
/// Choosing k as a user without labels would: one clustering model per candidate k, and the latent silhouette of each
/// (<c>AutoencoderClusteringTransformer.Silhouette</c>), next to the NMI the labels would give. Usage:
///   -- --clustering --k-range 2-6 [--sets penguins] [--seeds 1]
/// </summary>
internal static class ClusterCountScan
{
    public static ResultTable Run(ClusteringSet set, int from, int to, int seeds)
    {
        var table = new ResultTable();
        for (int k = from; k <= to; k++)
        {
            var silhouettes = new List<double>();
            var nmis = new List<double>();
            for (int seed = 0; seed < seeds; seed++)
            {
                var ml = new MLContext(seed);
                var data = ml.Data.Cache(ClusteringBenchmark.Load(ml, set));
                using var model = ml.Clustering.Trainers.Autoencoder(new AutoencoderClusteringOptions { NumberOfClusters = k }).Fit(data);
                silhouettes.Add(model.Silhouette(data));
                nmis.Add(ClusterMetrics.NormalizedMutualInformation(set.Classes, model.Transform(data).GetColumn<uint>("PredictedLabel").ToArray()));
            }
            table.Add(set.Name, k.ToString(CultureInfo.InvariantCulture), F(silhouettes.Average()), F(nmis.Average()));
        }
        return table;
    }

    private static string F(double value) => value.ToString("F3", CultureInfo.InvariantCulture);
}
