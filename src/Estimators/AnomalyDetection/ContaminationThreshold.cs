namespace MLNet.Autoencoders.Estimators.AnomalyDetection;

/// <summary>The threshold that flags a given fraction of the training rows.</summary>
internal static class ContaminationThreshold
{
    /// <summary>
    /// The (1 - <paramref name="contamination"/>) quantile of <paramref name="scores"/>, interpolated linearly between
    /// order statistics (NumPy's default, which PyOD uses): rows scoring above it are about that fraction of the rows.
    /// Non-finite scores are ignored.
    /// </summary>
    public static float Compute(IEnumerable<float> scores, double contamination)
    {
        var sorted = scores.Where(float.IsFinite).Order().ToArray();
        if (sorted.Length == 0)
            throw new InvalidOperationException("No training row has a finite score, so no threshold can be derived from the contamination.");
        double position = (1 - contamination) * (sorted.Length - 1);
        int below = (int)Math.Floor(position);
        int above = Math.Min(below + 1, sorted.Length - 1);
        double fraction = position - below;
        return (float)(sorted[below] + fraction * ((double)sorted[above] - sorted[below]));
    }
}
