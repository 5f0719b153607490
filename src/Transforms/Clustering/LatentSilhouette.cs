namespace MLNet.Autoencoders.Transforms.Clustering;

/// <summary>
/// The mean silhouette coefficient (Rousseeuw 1987) of cluster assignments, with Euclidean distances between latent codes:
/// for each row, (b - a) / max(a, b), where a is its mean distance to the other rows of its cluster and b the smallest mean
/// distance to the rows of another cluster; 0 for a row alone in its cluster, as scikit-learn's <c>silhouette_score</c>.
/// </summary>
internal static class LatentSilhouette
{
    /// <param name="codes">The rows' codes, row-major, <paramref name="dimension"/> values each.</param>
    /// <param name="dimension">The latent size.</param>
    /// <param name="clusters">Each row's 1-based cluster id; rows with id 0 (not assigned) are skipped.</param>
    /// <param name="clusterCount">k.</param>
    /// <returns>The mean over the assigned rows, in [-1, 1]; NaN when fewer than two clusters are used.</returns>
    public static double Mean(ReadOnlySpan<float> codes, int dimension, ReadOnlySpan<uint> clusters, int clusterCount)
    {
        int n = clusters.Length;
        var sizes = new int[clusterCount + 1];
        foreach (uint cluster in clusters)
            sizes[cluster]++;
        if (sizes.Skip(1).Count(size => size > 0) < 2)
            return double.NaN;
        var sums = new double[clusterCount + 1];
        double total = 0;
        int counted = 0;
        for (int i = 0; i < n; i++)
        {
            if (clusters[i] == 0)
                continue;
            Array.Clear(sums);
            var code = codes.Slice(i * dimension, dimension);
            for (int j = 0; j < n; j++)
            {
                if (j != i && clusters[j] != 0)
                    sums[clusters[j]] += Distance(code, codes.Slice(j * dimension, dimension));
            }
            int own = (int)clusters[i];
            counted++;
            if (sizes[own] == 1)
                continue;
            double a = sums[own] / (sizes[own] - 1);
            double b = double.PositiveInfinity;
            for (int c = 1; c <= clusterCount; c++)
            {
                if (c != own && sizes[c] > 0)
                    b = Math.Min(b, sums[c] / sizes[c]);
            }
            total += (b - a) / Math.Max(a, b);
        }
        return total / counted;
    }

    private static double Distance(ReadOnlySpan<float> x, ReadOnlySpan<float> y)
    {
        double sum = 0;
        for (int k = 0; k < x.Length; k++)
        {
            double difference = x[k] - y[k];
            sum += difference * difference;
        }
        return Math.Sqrt(sum);
    }
}
