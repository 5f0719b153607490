using System.Collections.Immutable;
using System.Globalization;

namespace MLNet.Autoencoders.Transforms;

/// <summary>
/// The losses of one training epoch, as reported while fitting and kept in the fitted model.
/// Losses are computed in the scaled input space (see <see cref="InputScaling"/>).
/// </summary>
/// <param name="Epoch">The 1-based epoch number.</param>
/// <param name="TrainingLoss">The mean total loss over the training rows of this epoch.</param>
/// <param name="ValidationLoss">The mean squared reconstruction error on the held-out validation rows (for a supervised autoencoder, the held-out loss of its prediction heads on the labelled validation rows), or <see langword="null"/> when no validation fraction was set.</param>
/// <param name="Elapsed">The wall-clock time this epoch took.</param>
public sealed record EpochLoss(int Epoch, double TrainingLoss, double? ValidationLoss, TimeSpan Elapsed)
{
    /// <summary>The name of the reconstruction term in <see cref="TrainingTerms"/>.</summary>
    public const string ReconstructionTerm = "reconstruction";

    /// <summary>The name of the L1 sparsity term in <see cref="TrainingTerms"/>.</summary>
    public const string SparsityTerm = "sparsity";

    /// <summary>
    /// The parts of <see cref="TrainingLoss"/> by name, each the epoch mean of the term as added to the
    /// loss (already weighted): always <see cref="ReconstructionTerm"/>, plus e.g. <see cref="SparsityTerm"/>
    /// or a variational network's "kl" when those are on.
    /// </summary>
    public ImmutableSortedDictionary<string, double> TrainingTerms { get; init; } = ImmutableSortedDictionary<string, double>.Empty;

    /// <inheritdoc/>
    public bool Equals(EpochLoss? other) =>
        other is not null && Epoch == other.Epoch && TrainingLoss.Equals(other.TrainingLoss)
        && Nullable.Equals(ValidationLoss, other.ValidationLoss) && Elapsed == other.Elapsed
        && TrainingTerms.SequenceEqual(other.TrainingTerms);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Epoch, TrainingLoss, ValidationLoss, Elapsed, TrainingTerms.Count);

    /// <inheritdoc/>
    public override string ToString()
    {
        var text = string.Create(CultureInfo.InvariantCulture, $"Epoch {Epoch}: training loss {TrainingLoss:G5}");
        if (TrainingTerms.Count > 1)
            text += " (" + string.Join(", ", TrainingTerms.Select(t => string.Create(CultureInfo.InvariantCulture, $"{t.Key} {t.Value:G5}"))) + ")";
        if (ValidationLoss is { } validation)
            text += string.Create(CultureInfo.InvariantCulture, $", validation loss {validation:G5}");
        return text + string.Create(CultureInfo.InvariantCulture, $" [{Elapsed.TotalSeconds:F2} s]");
    }
}
