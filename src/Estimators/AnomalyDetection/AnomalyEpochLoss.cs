using MLNet.Autoencoders.Transforms;

namespace MLNet.Autoencoders.Estimators.AnomalyDetection;

/// <summary>One epoch of one of the anomaly detector's networks, as reported through <see cref="AutoencoderAnomalyOptions.EpochCompleted"/>.</summary>
/// <param name="Network">The network's 1-based number, up to <see cref="AutoencoderAnomalyOptions.EnsembleSize"/>.</param>
/// <param name="MaximumEpochs">
/// The most epochs this network trains: <see cref="AutoencoderAnomalyOptions.Epochs"/>, cut on large data to fit
/// <see cref="AutoencoderAnomalyOptions.MaximumStepsPerNetwork"/>. Early stopping may end it sooner.
/// </param>
/// <param name="Loss">The epoch's losses.</param>
public sealed record AnomalyEpochLoss(int Network, int MaximumEpochs, EpochLoss Loss);
