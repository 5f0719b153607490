namespace MLNet.Autoencoders.Tests.Variational;

/// <summary>Statistics of a variational autoencoder's posterior means and log-variances over a data set.</summary>
internal static class LatentStatistics
{
    /// <summary>
    /// For each latent dimension, the variance of the aggregate posterior: Var(mean) + E[exp(logvar)] over the rows.
    /// The prior N(0, 1) asks for 1.
    /// </summary>
    public static double[] TotalVariance(float[][] means, float[][] logVariances)
    {
        int size = means[0].Length;
        var result = new double[size];
        for (int k = 0; k < size; k++)
        {
            double center = means.Average(m => m[k]);
            result[k] = means.Average(m => (m[k] - center) * (m[k] - center)) + logVariances.Average(v => Math.Exp(v[k]));
        }
        return result;
    }

    /// <summary>The mean over rows of KL(N(mean, exp(logvar)) || N(0, I)), summed over latent dimensions (unweighted, unscaled).</summary>
    public static double MeanKL(float[][] means, float[][] logVariances) =>
        means.Zip(logVariances, (m, v) => m.Zip(v, (mk, vk) => -0.5 * (1 + vk - mk * mk - Math.Exp(vk))).Sum()).Average();
}
