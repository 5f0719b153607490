namespace MLNet.Autoencoders.Benchmarks.AnomalyDev;

/// <summary>The area under the ROC curve, computed as the Mann-Whitney U statistic with tied scores given their average rank.</summary>
internal static class RocAuc
{
    /// <summary>
    /// The probability that a random outlier scores higher than a random inlier, ties counting one half
    /// (scikit-learn's <c>roc_auc_score</c>). Higher scores mean more anomalous.
    /// </summary>
    /// <exception cref="ArgumentException">The lengths differ, or one class is missing.</exception>
    public static double Compute(IReadOnlyList<double> scores, IReadOnlyList<bool> labels)
    {
        if (scores.Count != labels.Count)
            throw new ArgumentException($"Got {scores.Count} scores for {labels.Count} labels.", nameof(scores));
        int positives = labels.Count(l => l), negatives = labels.Count - positives;
        if (positives == 0 || negatives == 0)
            throw new ArgumentException($"ROC AUC needs both classes; got {positives} outliers and {negatives} inliers.", nameof(labels));
        if (scores.Any(double.IsNaN))
            throw new ArgumentException("ROC AUC of NaN scores is undefined.", nameof(scores));

        int[] order = [.. Enumerable.Range(0, scores.Count).OrderBy(i => scores[i])];
        double positiveRankSum = 0;
        for (int start = 0; start < order.Length;)
        {
            int end = start;
            while (end + 1 < order.Length && scores[order[end + 1]] == scores[order[start]])
                end++;
            double averageRank = (start + end) / 2.0 + 1; // 1-based ranks start+1 .. end+1
            for (int k = start; k <= end; k++)
            {
                if (labels[order[k]])
                    positiveRankSum += averageRank;
            }
            start = end + 1;
        }
        double u = positiveRankSum - positives * (positives + 1) / 2.0;
        return u / ((double)positives * negatives);
    }
}
