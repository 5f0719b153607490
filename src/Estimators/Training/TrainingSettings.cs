namespace MLNet.Autoencoders.Estimators.Training;

/// <summary>The resolved, validated knobs of one training run.</summary>
internal sealed record TrainingSettings(
    int Epochs,
    int BatchSize,
    double LearningRate,
    double WeightDecay,
    int EarlyStoppingPatience,
    int Seed,
    CancellationToken Cancellation);
