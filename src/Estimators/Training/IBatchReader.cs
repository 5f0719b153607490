using System.Diagnostics.CodeAnalysis;

namespace MLNet.Autoencoders.Estimators.Training;

/// <summary>One epoch's batches.</summary>
internal interface IBatchReader : IDisposable
{
    /// <summary>
    /// The next batch of up to <paramref name="batchSize"/> rows (see <see cref="TrainingBatch"/>);
    /// <see langword="false"/> when the epoch has no rows left.
    /// </summary>
    bool TryRead(int batchSize, [NotNullWhen(true)] out TrainingBatch? batch);
}
