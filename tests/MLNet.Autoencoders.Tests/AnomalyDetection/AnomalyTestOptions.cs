using MLNet.Autoencoders.Estimators.AnomalyDetection;

namespace MLNet.Autoencoders.Tests.AnomalyDetection;

/// <summary>Detector options small enough that a fit on a few hundred rows takes about a second.</summary>
internal static class AnomalyTestOptions
{
    public static AutoencoderAnomalyOptions Small(int? seed = 3, int ensembleSize = 2) => new()
    {
        EnsembleSize = ensembleSize,
        Epochs = 60,
        NumberOfThreads = 1,
        Seed = seed,
    };
}
