namespace MLNet.Autoencoders.Estimators.Training;

/// <summary>The resolved, validated knobs of one training run.</summary>
internal sealed record TrainingSettings(
    int Epochs,
    int BatchSize,
    double LearningRate,
    double WeightDecay,
    int EarlyStoppingPatience,
    int Seed,
    CancellationToken Cancellation)
{
    /// <summary>The corruption applied to training inputs (denoising). Default: none.</summary>
    public NoiseKind Noise { get; init; }

    /// <summary>Standard deviation or fraction for <see cref="Noise"/>.</summary>
    public double NoiseLevel { get; init; }

    /// <summary>The weight of the reconstruction term (lambda 1 of a multi-task loss); 0 trains the objective's terms alone. Default: 1.</summary>
    public double ReconstructionWeight { get; init; } = 1;

    /// <summary>The weight of the L1 penalty on latent activations (sparse autoencoders). Default: 0.</summary>
    public double SparsityWeight { get; init; }

    /// <summary>The weight of each penalty a network reports in its forward pass (e.g. a VAE's "kl"); a missing name weighs 1.</summary>
    public IReadOnlyDictionary<string, double> PenaltyWeights { get; init; } = new Dictionary<string, double>();

    /// <summary>Loss terms and parameters a supervised or clustering trainer adds to the loop; <see langword="null"/> for a plain autoencoder.</summary>
    public ITrainingObjective? Objective { get; init; }
}
