using MLNet.Autoencoders.Estimators.Training;

namespace MLNet.Autoencoders.Estimators.AnomalyDetection;

/// <summary>What one network of an anomaly detector trains on: its batches, its validation rows and how many rows it trains on.</summary>
/// <param name="Batches">The scaled training batches; disposed with the member.</param>
/// <param name="Validation">The scaled validation rows, or <see langword="null"/>.</param>
/// <param name="TrainingRows">The number of training rows, for the progress message.</param>
/// <param name="OwnsValidation">Whether disposing the member disposes <paramref name="Validation"/> (false when the networks share it).</param>
internal sealed record EnsembleMember(IBatchSource Batches, TrainingMatrix? Validation, long TrainingRows, bool OwnsValidation) : IDisposable
{
    public void Dispose()
    {
        Batches.Dispose();
        if (OwnsValidation)
            Validation?.Dispose();
    }
}
