namespace MLNet.Autoencoders.Cli;

/// <summary>The area under the ROC curve of scores against 0/1 labels (higher score = more likely 1), by the rank-sum formula with tied scores given their average rank.</summary>
internal static class RocAuc
{
    /// <returns>The AUC in [0, 1], or NaN when either class is absent. Rows with a NaN score are left out.</returns>
    public static double Compute(IReadOnlyList<float> scores, IReadOnlyList<bool> labels)
    {
        var rows = Enumerable.Range(0, scores.Count).Where(i => !float.IsNaN(scores[i])).OrderBy(i => scores[i]).ToArray();
        var positives = rows.Count(i => labels[i]);
        var negatives = rows.Length - positives;
        if (positives == 0 || negatives == 0)
            return double.NaN;

        double positiveRankSum = 0;
        for (var start = 0; start < rows.Length;)
        {
            var end = start;
            while (end + 1 < rows.Length && scores[rows[end + 1]] == scores[rows[start]])
                end++;
            var averageRank = (start + end) / 2.0 + 1;   // 1-based ranks start+1 .. end+1
            for (var k = start; k <= end; k++)
                if (labels[rows[k]])
                    positiveRankSum += averageRank;
            start = end + 1;
        }
        return (positiveRankSum - positives * (positives + 1) / 2.0) / ((double)positives * negatives);
    }
}
