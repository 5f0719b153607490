namespace MLNet.Autoencoders.Transforms;

/// <summary>
/// The losses of one training epoch, as reported while fitting and kept in the fitted model.
/// Losses are mean squared errors in the scaled input space (see <see cref="InputScaling"/>).
/// </summary>
/// <param name="Epoch">The 1-based epoch number.</param>
/// <param name="TrainingLoss">The mean loss over the training rows of this epoch.</param>
/// <param name="ValidationLoss">The loss on the held-out validation rows, or <see langword="null"/> when no validation fraction was set.</param>
/// <param name="Elapsed">The wall-clock time this epoch took.</param>
public sealed record EpochLoss(int Epoch, double TrainingLoss, double? ValidationLoss, TimeSpan Elapsed)
{
    /// <inheritdoc/>
    public override string ToString() =>
        ValidationLoss is { } validation
            ? $"Epoch {Epoch}: training loss {TrainingLoss:G5}, validation loss {validation:G5} ({Elapsed.TotalSeconds:F2} s)"
            : $"Epoch {Epoch}: training loss {TrainingLoss:G5} ({Elapsed.TotalSeconds:F2} s)";
}
