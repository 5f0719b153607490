namespace MLNet.Autoencoders.Estimators.Clustering;

/// <summary>
/// Seeded k-means (Lloyd's iterations from k-means++ starts, the best of several runs by inertia) on a small dense
/// matrix of latent codes: the centres the clustering phase starts from. Single-threaded and in a fixed order, so a seed
/// gives bit-identical centres.
/// </summary>
internal static class KMeansPlusPlus
{
    private const int MaxIterations = 300;

    /// <param name="points">The rows, row-major, <paramref name="dimension"/> values each.</param>
    /// <param name="dimension">The size of each row.</param>
    /// <param name="k">The number of centres, at most the number of rows.</param>
    /// <param name="runs">The number of k-means++ starts; the run of least inertia wins.</param>
    /// <param name="seed">The seed of the starts.</param>
    /// <param name="cancellation">Checked before each run and iteration.</param>
    /// <returns>The centres (k x <paramref name="dimension"/>, row-major) and each row's 0-based nearest centre.</returns>
    public static (float[] Centres, int[] Assignments) Fit(ReadOnlySpan<float> points, int dimension, int k, int runs, int seed, CancellationToken cancellation)
    {
        int n = points.Length / dimension;
        var random = new Random(seed);
        float[]? best = null;
        int[]? bestAssignments = null;
        double bestInertia = double.PositiveInfinity;
        for (int run = 0; run < runs; run++)
        {
            cancellation.ThrowIfCancellationRequested();
            var centres = Seed(points, n, dimension, k, random);
            var assignments = new int[n];
            double inertia = Iterate(points, n, dimension, k, centres, assignments, cancellation);
            if (inertia < bestInertia)
            {
                (best, bestAssignments, bestInertia) = (centres, assignments, inertia);
            }
        }
        return (best!, bestAssignments!);
    }

    /// <summary>k-means++: the first centre uniformly, each next one with probability proportional to the squared distance to the nearest chosen.</summary>
    private static float[] Seed(ReadOnlySpan<float> points, int n, int dimension, int k, Random random)
    {
        var centres = new float[k * dimension];
        var nearest = new double[n];
        Array.Fill(nearest, double.PositiveInfinity);
        int chosen = random.Next(n);
        for (int c = 0; c < k; c++)
        {
            points.Slice(chosen * dimension, dimension).CopyTo(centres.AsSpan(c * dimension, dimension));
            double total = 0;
            for (int i = 0; i < n; i++)
            {
                nearest[i] = Math.Min(nearest[i], SquaredDistance(points.Slice(i * dimension, dimension), centres.AsSpan(c * dimension, dimension)));
                total += nearest[i];
            }
            if (c == k - 1)
                break;
            double target = random.NextDouble() * total;
            chosen = n - 1;
            for (int i = 0; i < n; i++)
            {
                target -= nearest[i];
                if (target < 0 && nearest[i] > 0)
                {
                    chosen = i;
                    break;
                }
            }
        }
        return centres;
    }

    /// <summary>Lloyd's iterations until no row changes centre; an emptied centre moves to the row farthest from its own. Returns the inertia.</summary>
    private static double Iterate(ReadOnlySpan<float> points, int n, int dimension, int k, float[] centres, int[] assignments, CancellationToken cancellation)
    {
        var sums = new double[k * dimension];
        var counts = new int[k];
        var distances = new double[n];
        Array.Fill(assignments, -1);
        double inertia = 0;
        for (int iteration = 0; iteration < MaxIterations; iteration++)
        {
            cancellation.ThrowIfCancellationRequested();
            bool changed = false;
            inertia = 0;
            for (int i = 0; i < n; i++)
            {
                var point = points.Slice(i * dimension, dimension);
                int nearest = 0;
                double nearestDistance = double.PositiveInfinity;
                for (int c = 0; c < k; c++)
                {
                    double d = SquaredDistance(point, centres.AsSpan(c * dimension, dimension));
                    if (d < nearestDistance)
                        (nearest, nearestDistance) = (c, d);
                }
                changed |= assignments[i] != nearest;
                assignments[i] = nearest;
                distances[i] = nearestDistance;
                inertia += nearestDistance;
            }
            if (!changed)
                break;
            Array.Clear(sums);
            Array.Clear(counts);
            for (int i = 0; i < n; i++)
            {
                counts[assignments[i]]++;
                var point = points.Slice(i * dimension, dimension);
                for (int j = 0; j < dimension; j++)
                    sums[assignments[i] * dimension + j] += point[j];
            }
            for (int c = 0; c < k; c++)
            {
                if (counts[c] == 0)
                {
                    int farthest = Array.IndexOf(distances, distances.Max());
                    points.Slice(farthest * dimension, dimension).CopyTo(centres.AsSpan(c * dimension, dimension));
                    distances[farthest] = 0;
                    continue;
                }
                for (int j = 0; j < dimension; j++)
                    centres[c * dimension + j] = (float)(sums[c * dimension + j] / counts[c]);
            }
        }
        return inertia;
    }

    private static double SquaredDistance(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        double sum = 0;
        for (int j = 0; j < a.Length; j++)
        {
            double difference = a[j] - b[j];
            sum += difference * difference;
        }
        return sum;
    }
}
