namespace MLNet.Autoencoders.Benchmarks.AnomalyDev;

/// <summary>
/// The k-NN distance detector used as a reference by the anomaly-dev benchmark: features standardized with their mean
/// and population standard deviation (scikit-learn's <c>StandardScaler</c>), and each row scored by its Euclidean
/// distance to its k-th nearest other row (the row itself excluded, duplicates counted). Brute force over all pairs.
/// </summary>
internal static class NearestNeighbourDistance
{
    /// <summary>The k of the baselines' KNN5.</summary>
    public const int DefaultNeighbours = 5;

    /// <summary>Each row's distance to its <paramref name="k"/>-th nearest other row, in standardized units.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="k"/> is not in [1, rows - 1].</exception>
    public static double[] Score(AnomalySet set, int k = DefaultNeighbours)
    {
        if (k < 1 || k >= set.Rows)
            throw new ArgumentOutOfRangeException(nameof(k), k, $"'k' must be in [1, {set.Rows - 1}] for {set.Rows} rows. Got {k}.");
        int n = set.Rows, d = set.Dimension;
        float[] z = Standardize(set);
        var scores = new double[n];
        Parallel.For(0, n, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i =>
        {
            // The k smallest squared distances so far, ascending.
            Span<double> nearest = stackalloc double[k];
            nearest.Fill(double.MaxValue);
            var row = z.AsSpan(i * d, d);
            for (int j = 0; j < n; j++)
            {
                if (j == i)
                    continue;
                var other = z.AsSpan(j * d, d);
                double distance = 0;
                for (int f = 0; f < d && distance < nearest[k - 1]; f++)
                {
                    double difference = row[f] - other[f];
                    distance += difference * difference;
                }
                if (distance >= nearest[k - 1])
                    continue;
                int at = k - 1;
                while (at > 0 && nearest[at - 1] > distance)
                {
                    nearest[at] = nearest[at - 1];
                    at--;
                }
                nearest[at] = distance;
            }
            scores[i] = Math.Sqrt(nearest[k - 1]);
        });
        return scores;
    }

    /// <summary>The features as z-scores: (x - mean) / population standard deviation; a constant feature becomes 0.</summary>
    private static float[] Standardize(AnomalySet set)
    {
        int n = set.Rows, d = set.Dimension;
        var z = new float[set.Features.Length];
        for (int f = 0; f < d; f++)
        {
            double mean = 0;
            for (int i = 0; i < n; i++)
                mean += set.Features[i * d + f];
            mean /= n;
            double variance = 0;
            for (int i = 0; i < n; i++)
                variance += Math.Pow(set.Features[i * d + f] - mean, 2);
            double std = Math.Sqrt(variance / n);
            double scale = std > 0 ? 1 / std : 1; // StandardScaler leaves a zero-variance feature unscaled
            for (int i = 0; i < n; i++)
                z[i * d + f] = (float)((set.Features[i * d + f] - mean) * scale);
        }
        return z;
    }
}
