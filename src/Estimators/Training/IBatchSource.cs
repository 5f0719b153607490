using static TorchSharp.torch;

namespace MLNet.Autoencoders.Estimators.Training;

/// <summary>
/// Where the training loop gets its batches of scaled rows: a materialised matrix or a stream over the data view.
/// One <see cref="OpenEpoch"/> per epoch; the reader's tensors are created inside the caller's per-batch dispose scope.
/// </summary>
internal interface IBatchSource : IDisposable
{
    /// <summary>Each feature's missing-value fill in scaled units, [1, features]; <see langword="null"/> when missing values are not handled.</summary>
    Tensor? Fill { get; }

    /// <summary>Each feature's smallest and largest scaled training value, [features] each (salt-and-pepper noise uses them).</summary>
    (Tensor Minimum, Tensor Maximum) FeatureRange();

    /// <summary>Starts one epoch's pass over the training rows, in an order drawn from <paramref name="random"/>.</summary>
    IBatchReader OpenEpoch(Random random);
}
