namespace MLNet.Autoencoders.Transforms.AnomalyDetection;

/// <summary>
/// How the detector puts its two views of a row on one scale: each is divided by its median over the training rows, and the
/// score is the mean of the two ratios. A typical training row scores about 1; a row twice as hard to reconstruct and
/// twice as far from its neighbours as a typical one scores 2.
/// </summary>
/// <param name="Reconstruction">The median reconstruction error of the training rows (positive).</param>
/// <param name="Neighbor">The median neighbour distance of the training rows (positive).</param>
internal readonly record struct ScoreScales(float Reconstruction, float Neighbor)
{
    /// <summary>Scales of 1: <see cref="Combine"/> then averages the raw views.</summary>
    public static ScoreScales Unit => new(1, 1);

    public float Combine(float reconstruction, float neighbor) => 0.5f * (reconstruction / Reconstruction + neighbor / Neighbor);

    /// <summary>Whether both scales are positive finite numbers, as a fitted detector's are.</summary>
    public bool IsValid => float.IsFinite(Reconstruction) && Reconstruction > 0 && float.IsFinite(Neighbor) && Neighbor > 0;

    public void Write(BinaryWriter writer)
    {
        writer.Write(Reconstruction);
        writer.Write(Neighbor);
    }

    /// <exception cref="InvalidDataException">A stored scale is not a positive finite number.</exception>
    public static ScoreScales Read(BinaryReader reader)
    {
        var scales = new ScoreScales(reader.ReadSingle(), reader.ReadSingle());
        if (!scales.IsValid)
            throw new InvalidDataException($"The model's score scales are {scales.Reconstruction} and {scales.Neighbor}; expected positive finite numbers.");
        return scales;
    }
}
