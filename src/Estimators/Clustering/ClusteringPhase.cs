namespace MLNet.Autoencoders.Estimators.Clustering;

/// <summary>The two phases of fitting an autoencoder clustering model.</summary>
public enum ClusteringPhase
{
    /// <summary>The autoencoder learns to reconstruct its input; the centres do not exist yet.</summary>
    Pretraining,

    /// <summary>The encoder and the centres learn together: reconstruction plus γ KL(P‖Q).</summary>
    Clustering,
}
