namespace MLNet.Autoencoders.Transforms.AnomalyDetection;

/// <summary>
/// Scores rows as a fitted detector does: the ensemble's reconstruction error and, when the detector has them, the
/// distances to the sampled training rows, put on one scale by <see cref="ScoreScales"/>. Without neighbour distances
/// (a detector fitted with <c>NumberOfNeighbors = 0</c>, or saved before they existed) the score is the reconstruction
/// error itself. Owns the ensemble; the distances are immutable and shared by copies.
/// </summary>
internal sealed class AnomalyScorer : IDisposable
{
    public AnomalyScorer(ReconstructionEnsemble ensemble, NeighborDistances? neighbors, ScoreScales scales)
    {
        if (neighbors is not null && neighbors.FeatureCount != ensemble.InputSize)
            throw new ArgumentException($"The neighbour samples have {neighbors.FeatureCount} features, but the networks expect {ensemble.InputSize}.", nameof(neighbors));
        if (neighbors is not null && !scales.IsValid)
            throw new ArgumentOutOfRangeException(nameof(scales), scales, "The score scales must be positive finite numbers.");
        Ensemble = ensemble;
        Neighbors = neighbors;
        Scales = scales;
    }

    public ReconstructionEnsemble Ensemble { get; }

    public NeighborDistances? Neighbors { get; }

    /// <summary>The training medians the two views are divided by; unused without <see cref="Neighbors"/>.</summary>
    public ScoreScales Scales { get; }

    public int InputSize => Ensemble.InputSize;

    /// <summary>
    /// Scores <paramref name="rows"/> rows of <paramref name="input"/> (row-major, in the input's units): per-feature
    /// reconstruction errors as <see cref="ReconstructionEnsemble.ScoreScaled"/> gives them, and each row's score. A row
    /// holding NaN gets NaN.
    /// </summary>
    public void Score(ReadOnlySpan<float> input, int rows, Span<float> featureErrors, Span<float> scores)
    {
        var distances = Neighbors is null ? null : new float[rows];
        ScoreViews(input, rows, featureErrors, scores, distances);
        if (distances is null)
            return;
        for (int i = 0; i < rows; i++)
            scores[i] = Scales.Combine(scores[i], distances[i]);
    }

    /// <summary>
    /// The two views of each row before they are combined: its reconstruction error into <paramref name="reconstruction"/>
    /// (and per feature into <paramref name="featureErrors"/>), its neighbour distance into <paramref name="distances"/>
    /// (left untouched without <see cref="Neighbors"/>).
    /// </summary>
    public void ScoreViews(ReadOnlySpan<float> input, int rows, Span<float> featureErrors, Span<float> reconstruction, Span<float> distances)
    {
        var scaled = new float[rows * InputSize];
        input[..scaled.Length].CopyTo(scaled);
        Ensemble.Scaler.Apply(scaled);
        Ensemble.ScoreScaled(scaled, rows, featureErrors, reconstruction);
        Neighbors?.Compute(scaled, rows, distances);
    }

    /// <summary>A copy with its own native state, which the caller owns.</summary>
    public AnomalyScorer Clone()
    {
        var ensemble = Ensemble.Clone();
        try
        {
            return new AnomalyScorer(ensemble, Neighbors, Scales);
        }
        catch
        {
            ensemble.Dispose();
            throw;
        }
    }

    public void Dispose() => Ensemble.Dispose();
}
