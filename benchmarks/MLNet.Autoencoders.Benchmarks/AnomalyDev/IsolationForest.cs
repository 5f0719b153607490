namespace MLNet.Autoencoders.Benchmarks.AnomalyDev;

/// <summary>
/// Isolation forest (Liu, Ting and Zhou 2008) with scikit-learn's semantics and defaults, as a reference for the
/// anomaly-dev benchmark: 100 trees, each grown on min(256, n) rows drawn without replacement, a random feature
/// (non-constant in the node) and a split value drawn uniformly in the node's [min, max) per node, rows with
/// value &lt;= split going left, and depth limited to ceil(log2(subsample)). A row's path length is the depth of the
/// leaf it reaches plus c(rows in that leaf); its score is 2^(-E[path length] / c(subsample)), higher = more anomalous.
/// </summary>
internal sealed class IsolationForest
{
    /// <summary>scikit-learn's <c>n_estimators</c> default.</summary>
    public const int DefaultTrees = 100;

    /// <summary>scikit-learn's <c>max_samples='auto'</c>: min(256, rows).</summary>
    public const int DefaultMaxSamples = 256;

    // scikit-learn's FEATURE_THRESHOLD: a feature whose node range is this small is treated as constant.
    private const double ConstantTolerance = 1e-7;

    private readonly Node[][] trees;
    private readonly int sampleSize;

    private IsolationForest(Node[][] trees, int sampleSize)
    {
        this.trees = trees;
        this.sampleSize = sampleSize;
    }

    /// <summary>Grows <paramref name="treeCount"/> trees on <paramref name="set"/>'s features with the given seed.</summary>
    public static IsolationForest Fit(AnomalySet set, int seed, int treeCount = DefaultTrees, int maxSamples = DefaultMaxSamples)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(treeCount);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxSamples);
        var random = new Random(seed);
        int sampleSize = Math.Min(maxSamples, set.Rows);
        int maxDepth = (int)Math.Ceiling(Math.Log2(Math.Max(sampleSize, 2)));
        var trees = new Node[treeCount][];
        int[] all = [.. Enumerable.Range(0, set.Rows)];
        for (int t = 0; t < treeCount; t++)
        {
            // Partial Fisher-Yates: the first sampleSize entries become a sample without replacement.
            for (int i = 0; i < sampleSize; i++)
            {
                int j = random.Next(i, all.Length);
                (all[i], all[j]) = (all[j], all[i]);
            }
            int[] sample = all[..sampleSize];
            var nodes = new List<Node>();
            Grow(set, sample, 0, sampleSize, depth: 0, maxDepth, random, nodes);
            trees[t] = [.. nodes];
        }
        return new IsolationForest(trees, sampleSize);
    }

    /// <summary>The anomaly score of every row of <paramref name="set"/>: 2^(-mean path length / c(subsample)), in (0, 1].</summary>
    public double[] Score(AnomalySet set)
    {
        var scores = new double[set.Rows];
        double normaliser = AveragePathLength(sampleSize);
        for (int row = 0; row < set.Rows; row++)
        {
            var x = set.Row(row);
            double total = 0;
            foreach (var tree in trees)
                total += PathLength(tree, x);
            scores[row] = Math.Pow(2, -total / trees.Length / normaliser);
        }
        return scores;
    }

    /// <summary>
    /// The average path length of an unsuccessful search in a binary search tree of <paramref name="n"/> rows,
    /// c(n) = 2 H(n - 1) - 2 (n - 1) / n, with c(1) = 0 and c(2) = 1 (scikit-learn's <c>_average_path_length</c>).
    /// </summary>
    public static double AveragePathLength(int n) => n switch
    {
        <= 1 => 0,
        2 => 1,
        _ => 2 * (Math.Log(n - 1) + 0.5772156649015329) - 2.0 * (n - 1) / n,
    };

    private static double PathLength(Node[] tree, ReadOnlySpan<double> x)
    {
        int node = 0, depth = 0;
        while (tree[node].Feature >= 0)
        {
            node = x[tree[node].Feature] <= tree[node].Threshold ? tree[node].Left : tree[node].Right;
            depth++;
        }
        return depth + AveragePathLength(tree[node].Size);
    }

    /// <summary>Adds the node for rows[start..end) and its subtree to <paramref name="nodes"/>; returns its index.</summary>
    private static int Grow(AnomalySet set, int[] rows, int start, int end, int depth, int maxDepth, Random random, List<Node> nodes)
    {
        int index = nodes.Count;
        nodes.Add(new Node(-1, 0, -1, -1, end - start));
        if (depth >= maxDepth || end - start < 2)
            return index;

        // Draw features in random order until one varies in this node; none does: a leaf.
        int d = set.Dimension;
        int[] features = [.. Enumerable.Range(0, d)];
        for (int drawn = 0; drawn < d; drawn++)
        {
            int pick = random.Next(drawn, d);
            (features[drawn], features[pick]) = (features[pick], features[drawn]);
            int feature = features[drawn];
            double min = double.MaxValue, max = double.MinValue;
            for (int i = start; i < end; i++)
            {
                double value = set.Features[rows[i] * d + feature];
                min = Math.Min(min, value);
                max = Math.Max(max, value);
            }
            if (max <= min + ConstantTolerance)
                continue;

            double threshold = min + random.NextDouble() * (max - min);
            if (threshold >= max)
                threshold = min;
            int split = Partition(set, rows, start, end, feature, threshold);
            int left = Grow(set, rows, start, split, depth + 1, maxDepth, random, nodes);
            int right = Grow(set, rows, split, end, depth + 1, maxDepth, random, nodes);
            nodes[index] = new Node(feature, threshold, left, right, end - start);
            return index;
        }
        return index;
    }

    /// <summary>Moves the rows with feature value &lt;= threshold to the front of rows[start..end); returns where the rest begin.</summary>
    private static int Partition(AnomalySet set, int[] rows, int start, int end, int feature, double threshold)
    {
        int split = start;
        for (int i = start; i < end; i++)
        {
            if (set.Features[rows[i] * set.Dimension + feature] <= threshold)
            {
                (rows[i], rows[split]) = (rows[split], rows[i]);
                split++;
            }
        }
        return split;
    }

    /// <summary>A tree node: a split on <paramref name="Feature"/> (-1 for a leaf) and the number of training rows that reached it.</summary>
    private readonly record struct Node(int Feature, double Threshold, int Left, int Right, int Size);
}
