namespace MLNet.Autoencoders.Estimators.AnomalyDetection;

/// <summary>The value a view of the training rows is divided by so that the two views of the score compare: a typical row's.</summary>
internal static class TypicalScore
{
    /// <summary>
    /// The median of the finite values; their mean when the median is 0 (more than half the rows reconstructed exactly,
    /// or with k duplicates); 1 when every value is 0 (the view then adds nothing to any score).
    /// </summary>
    public static float Of(float[] values)
    {
        var finite = values.Where(float.IsFinite).Order().ToArray();
        if (finite.Length == 0)
            throw new InvalidOperationException("No training row has a finite score, so the score cannot be scaled.");
        int middle = finite.Length / 2;
        double median = finite.Length % 2 == 1 ? finite[middle] : 0.5 * ((double)finite[middle - 1] + finite[middle]);
        if (median > 0)
            return (float)median;
        double mean = finite.Average(v => (double)v);
        return mean > 0 ? (float)mean : 1f;
    }
}
