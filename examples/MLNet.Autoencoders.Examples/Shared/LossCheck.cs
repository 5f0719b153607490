using MLNet.Autoencoders.Transforms;

namespace MLNet.Autoencoders.Examples.Shared;

/// <summary>
/// Stops a scenario whose model reports a loss that is not finite, so that a diverging fit fails the run (and CI's
/// smoke test) with a message instead of printing NaN results.
/// </summary>
internal static class LossCheck
{
    /// <summary>Throws when any training or validation loss in <paramref name="history"/> is NaN or infinite.</summary>
    /// <exception cref="InvalidOperationException">A loss is not finite; the message names <paramref name="model"/> and the epoch.</exception>
    public static void ThrowIfNotFinite(string model, IEnumerable<EpochLoss> history)
    {
        foreach (var epoch in history)
        {
            if (!double.IsFinite(epoch.TrainingLoss) || epoch.ValidationLoss is { } validation && !double.IsFinite(validation))
                throw new InvalidOperationException($"{model}: the loss is not finite in epoch {epoch.Epoch} ({epoch}).");
        }
    }
}
