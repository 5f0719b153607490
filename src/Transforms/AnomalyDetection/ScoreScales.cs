namespace MLNet.Autoencoders.Transforms.AnomalyDetection;

/// <summary>
/// How the detector puts its two views of a row on one scale: each is divided by its median over the training rows, and the
/// score is the larger of the two ratios (<see cref="ViewCombination.Maximum"/>; models saved in format version 2 take their
/// mean). A typical training row scores a little above 1 (each ratio's median over the training rows is 1, so the larger
/// one's is at least 1; 1.3-1.5 on the sets measured); a row twice as hard to reconstruct as a typical one, or twice as far
/// from its neighbours, scores at least 2.
/// </summary>
/// <param name="Reconstruction">The median reconstruction error of the training rows (positive).</param>
/// <param name="Neighbor">The median neighbour distance of the training rows (positive).</param>
/// <param name="Combination">How the two ratios are joined.</param>
internal readonly record struct ScoreScales(float Reconstruction, float Neighbor, ViewCombination Combination = ViewCombination.Maximum)
{
    /// <summary>Scales of 1: <see cref="Combine"/> then joins the raw views.</summary>
    public static ScoreScales Unit => new(1, 1);

    public float Combine(float reconstruction, float neighbor)
    {
        float reconstructionRatio = reconstruction / Reconstruction, neighborRatio = neighbor / Neighbor;
        // NaN in either view (a row holding NaN) gives NaN in both combinations.
        return Combination == ViewCombination.Mean
            ? 0.5f * (reconstructionRatio + neighborRatio)
            : float.IsNaN(reconstructionRatio) || float.IsNaN(neighborRatio) ? float.NaN : MathF.Max(reconstructionRatio, neighborRatio);
    }

    /// <summary>Whether both scales are positive finite numbers, as a fitted detector's are.</summary>
    public bool IsValid => float.IsFinite(Reconstruction) && Reconstruction > 0 && float.IsFinite(Neighbor) && Neighbor > 0;

    /// <summary>Writes the scales and (format version 3 on) the combination.</summary>
    public void Write(BinaryWriter writer)
    {
        writer.Write(Reconstruction);
        writer.Write(Neighbor);
        writer.Write((byte)Combination);
    }

    /// <param name="reader">The model's reader.</param>
    /// <param name="formatVersion">The detector's format version: 2 stored no combination (its scores are means), 3 on store it.</param>
    /// <exception cref="InvalidDataException">A stored scale is not a positive finite number, or the combination is unknown.</exception>
    public static ScoreScales Read(BinaryReader reader, int formatVersion)
    {
        var scales = new ScoreScales(reader.ReadSingle(), reader.ReadSingle(), ViewCombination.Mean);
        if (!scales.IsValid)
            throw new InvalidDataException($"The model's score scales are {scales.Reconstruction} and {scales.Neighbor}; expected positive finite numbers.");
        if (formatVersion < 3)
            return scales;
        var combination = (ViewCombination)reader.ReadByte();
        if (!Enum.IsDefined(combination))
            throw new InvalidDataException($"The model's score combination code {(int)combination} is not known to this version.");
        return scales with { Combination = combination };
    }
}
