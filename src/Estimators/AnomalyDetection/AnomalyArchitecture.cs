using MLNet.Autoencoders.Transforms.Networks;

namespace MLNet.Autoencoders.Estimators.AnomalyDetection;

/// <summary>The network shape of an anomaly detector: what the options ask for, the rest adapted to the feature count.</summary>
internal static class AnomalyArchitecture
{
    public static DenseArchitecture For(int featureCount, AutoencoderAnomalyOptions options)
    {
        int latent = options.LatentDimension ?? DefaultLatentDimension(featureCount);
        int[] encoder = options.HiddenLayers ?? [DefaultHiddenSize(featureCount)];
        return new DenseArchitecture(featureCount, encoder, latent, encoder.Reverse().ToArray(), options.Activation);
    }

    /// <summary>
    /// max(1, round(sqrt(d) / 4)), below d: 1 up to 39 features, 2 for 64, 4 for 256. A narrow code generalizes less to
    /// rows unlike the bulk of the data; on the data sets measured for the README, wider codes (round(sqrt(d))) scored
    /// outliers markedly worse.
    /// </summary>
    internal static int DefaultLatentDimension(int featureCount) =>
        Math.Max(1, Math.Min(featureCount - 1, (int)Math.Round(Math.Sqrt(featureCount) / 4)));

    /// <summary>min(64, max(8, 2 x d)): room to bend around a curved inlier manifold, small enough for a few hundred rows.</summary>
    internal static int DefaultHiddenSize(int featureCount) => Math.Min(64, Math.Max(8, 2 * featureCount));
}
