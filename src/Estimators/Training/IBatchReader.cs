using static TorchSharp.torch;

namespace MLNet.Autoencoders.Estimators.Training;

/// <summary>One epoch's batches.</summary>
internal interface IBatchReader : IDisposable
{
    /// <summary>
    /// The next batch of up to <paramref name="batchSize"/> rows, [rows, features], and which of its entries were observed
    /// (<see langword="null"/> without missing values); <see langword="false"/> when the epoch has no rows left.
    /// </summary>
    bool TryRead(int batchSize, out Tensor clean, out Tensor? observed);
}
