namespace MLNet.Autoencoders.Benchmarks.AnomalyDev;

/// <summary>What a detector under test returns for one set and seed: a score per row (higher = more anomalous) and its fit time.</summary>
/// <param name="Scores">One score per row of the set, in row order.</param>
/// <param name="FitTime">Wall-clock time of fitting only (scoring excluded).</param>
internal sealed record DetectorOutcome(double[] Scores, TimeSpan FitTime);
