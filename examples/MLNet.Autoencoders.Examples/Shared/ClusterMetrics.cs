namespace MLNet.Autoencoders.Examples.Shared;

/// <summary>
/// External clustering metrics: how well cluster assignments agree with known classes.
/// </summary>
/// <remarks>
/// Pure .NET with no ML.NET dependency, so the test project can compile this file directly.
/// </remarks>
public static class ClusterMetrics
{
    /// <summary>
    /// Normalized mutual information between <paramref name="classes"/> and <paramref name="clusters"/>,
    /// normalized by the arithmetic mean of the two entropies: MI(U, V) / ((H(U) + H(V)) / 2).
    /// This is scikit-learn's <c>normalized_mutual_info_score</c> with its default
    /// <c>average_method='arithmetic'</c>.
    /// </summary>
    /// <returns>
    /// A value in [0, 1]: 1 when the two labelings are the same up to renaming, close to 0 when they are
    /// independent. As in scikit-learn, two labelings that both put everything in one group score 1.
    /// </returns>
    public static double NormalizedMutualInformation<TClass, TCluster>(
        IReadOnlyList<TClass> classes, IReadOnlyList<TCluster> clusters)
        where TClass : notnull
        where TCluster : notnull
    {
        var table = new ContingencyTable<TClass, TCluster>(classes, clusters);
        if (table.ClassTotals.Count == 1 && table.ClusterTotals.Count == 1)
            return 1.0;

        double n = table.Total;
        double mutualInformation = 0;
        foreach (var ((cls, cluster), count) in table.Counts)
        {
            double joint = count / n;
            double independent = table.ClassTotals[cls] / n * (table.ClusterTotals[cluster] / n);
            mutualInformation += joint * Math.Log(joint / independent);
        }

        // Rounding can leave a tiny negative value for independent labelings.
        mutualInformation = Math.Max(mutualInformation, 0);
        double meanEntropy = (Entropy(table.ClassTotals.Values, n) + Entropy(table.ClusterTotals.Values, n)) / 2;
        return mutualInformation == 0 ? 0 : Math.Min(mutualInformation / meanEntropy, 1.0);
    }

    /// <summary>
    /// Purity of <paramref name="clusters"/> with respect to <paramref name="classes"/>: every cluster is
    /// credited with its most frequent class, and purity is the fraction of items so credited correctly.
    /// </summary>
    /// <returns>
    /// A value in (0, 1]; 1 when every cluster holds a single class. Not symmetric: putting every item
    /// in its own cluster also scores 1, so read it next to the number of clusters.
    /// </returns>
    public static double Purity<TClass, TCluster>(IReadOnlyList<TClass> classes, IReadOnlyList<TCluster> clusters)
        where TClass : notnull
        where TCluster : notnull
    {
        var table = new ContingencyTable<TClass, TCluster>(classes, clusters);
        int majorities = table.Counts
            .GroupBy(cell => cell.Key.Cluster)
            .Sum(cluster => cluster.Max(cell => cell.Value));
        return (double)majorities / table.Total;
    }

    /// <summary>
    /// Adjusted Rand index of <paramref name="clusters"/> against <paramref name="classes"/> (Hubert and Arabie 1985): the
    /// Rand index corrected for chance, scikit-learn's <c>adjusted_rand_score</c>.
    /// </summary>
    /// <returns>1 when the two labelings are the same up to renaming, about 0 for independent labelings (it can be negative).</returns>
    public static double AdjustedRandIndex<TClass, TCluster>(IReadOnlyList<TClass> classes, IReadOnlyList<TCluster> clusters)
        where TClass : notnull
        where TCluster : notnull
    {
        var table = new ContingencyTable<TClass, TCluster>(classes, clusters);
        static double Pairs(double count) => count * (count - 1) / 2;
        double index = table.Counts.Values.Sum(c => Pairs(c));
        double classPairs = table.ClassTotals.Values.Sum(c => Pairs(c));
        double clusterPairs = table.ClusterTotals.Values.Sum(c => Pairs(c));
        double expected = classPairs * clusterPairs / Pairs(table.Total);
        double maximum = (classPairs + clusterPairs) / 2;
        // Both labelings a single group, or both all singletons: identical, as scikit-learn scores them.
        return maximum == expected ? 1.0 : (index - expected) / (maximum - expected);
    }

    private static double Entropy(IEnumerable<int> groupSizes, double total) =>
        -groupSizes.Sum(size => size / total * Math.Log(size / total));

    /// <summary>Counts of items per (class, cluster) pair, per class and per cluster.</summary>
    private sealed class ContingencyTable<TClass, TCluster>
        where TClass : notnull
        where TCluster : notnull
    {
        public ContingencyTable(IReadOnlyList<TClass> classes, IReadOnlyList<TCluster> clusters)
        {
            ArgumentNullException.ThrowIfNull(classes);
            ArgumentNullException.ThrowIfNull(clusters);
            if (classes.Count != clusters.Count)
                throw new ArgumentException(
                    $"Both labelings must have one label per item: got {classes.Count} classes and {clusters.Count} clusters.",
                    nameof(clusters));
            if (classes.Count == 0)
                throw new ArgumentException("Cannot score an empty labeling.", nameof(classes));

            Total = classes.Count;
            for (int i = 0; i < classes.Count; i++)
            {
                Counts[(classes[i], clusters[i])] = Counts.GetValueOrDefault((classes[i], clusters[i])) + 1;
                ClassTotals[classes[i]] = ClassTotals.GetValueOrDefault(classes[i]) + 1;
                ClusterTotals[clusters[i]] = ClusterTotals.GetValueOrDefault(clusters[i]) + 1;
            }
        }

        public int Total { get; }

        public Dictionary<(TClass Class, TCluster Cluster), int> Counts { get; } = [];

        public Dictionary<TClass, int> ClassTotals { get; } = [];

        public Dictionary<TCluster, int> ClusterTotals { get; } = [];
    }
}
