using MLNet.Autoencoders.Transforms;

namespace MLNet.Autoencoders.Benchmarks;

/// <summary>
/// Fails a benchmark run whose losses or errors are not finite, so that a diverging model stops the run (and CI's smoke
/// test) instead of printing NaN in a table.
/// </summary>
internal static class LossCheck
{
    /// <summary>Throws when any training or validation loss in <paramref name="history"/> is NaN or infinite.</summary>
    /// <exception cref="InvalidOperationException">A loss is not finite; the message names <paramref name="model"/> and the epoch.</exception>
    public static void ThrowIfNotFinite(string model, IEnumerable<EpochLoss> history)
    {
        foreach (var epoch in history)
        {
            ThrowIfNotFinite($"{model}: training loss in epoch {epoch.Epoch}", epoch.TrainingLoss);
            if (epoch.ValidationLoss is { } validation)
                ThrowIfNotFinite($"{model}: validation loss in epoch {epoch.Epoch}", validation);
        }
    }

    /// <summary>Throws when <paramref name="value"/> is NaN or infinite.</summary>
    /// <exception cref="InvalidOperationException"><paramref name="value"/> is not finite; the message names <paramref name="what"/>.</exception>
    public static void ThrowIfNotFinite(string what, double value)
    {
        if (!double.IsFinite(value))
            throw new InvalidOperationException($"{what} is {value}; expected a finite number.");
    }
}
