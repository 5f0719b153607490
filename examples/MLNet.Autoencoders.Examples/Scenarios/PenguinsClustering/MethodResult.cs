namespace MLNet.Autoencoders.Examples.Scenarios.PenguinsClustering;

/// <summary>How one dimensionality reduction did: cluster agreement with species, reconstruction error, and the 2-D codes.</summary>
internal sealed record MethodResult(
    string Name, double Nmi, double Purity, double ReconstructionMse, IReadOnlyList<float[]> Latent);
