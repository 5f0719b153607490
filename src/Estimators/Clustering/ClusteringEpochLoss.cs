using System.Globalization;
using MLNet.Autoencoders.Transforms;

namespace MLNet.Autoencoders.Estimators.Clustering;

/// <summary>The progress of one epoch of fitting an autoencoder clustering model, as <see cref="AutoencoderClusteringOptions.EpochCompleted"/> reports it.</summary>
/// <param name="Phase">Pre-training or clustering.</param>
/// <param name="Loss">The epoch's losses: in the clustering phase, <see cref="EpochLoss.TrainingTerms"/> holds "reconstruction" and "clustering" (γ KL(P‖Q)).</param>
/// <param name="ChangedAssignments">
/// In the clustering phase, the fraction of rows whose cluster changed at the last target update (against the k-means
/// initialisation for the first); clustering stops before an epoch when it is below <see cref="AutoencoderClusteringOptions.Tolerance"/>.
/// <see langword="null"/> in pre-training.
/// </param>
public sealed record ClusteringEpochLoss(ClusteringPhase Phase, EpochLoss Loss, double? ChangedAssignments)
{
    /// <inheritdoc/>
    public override string ToString() => ChangedAssignments is { } changed
        ? string.Create(CultureInfo.InvariantCulture, $"{Phase}: {Loss}, {changed:P2} of assignments changed")
        : $"{Phase}: {Loss}";
}
