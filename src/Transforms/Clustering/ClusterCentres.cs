namespace MLNet.Autoencoders.Transforms.Clustering;

/// <summary>
/// The k cluster centres in the latent space, row-major, and the assignment rule shared by training and scoring: the
/// squared Euclidean distance to each centre, the Student-t soft assignment with one degree of freedom (DEC's kernel,
/// q_j proportional to 1 / (1 + d_j)), and the nearest centre.
/// </summary>
internal sealed class ClusterCentres
{
    private readonly float[] values;

    /// <param name="values">k x <paramref name="latentDimension"/> values, row-major; finite.</param>
    /// <param name="latentDimension">The size of each centre.</param>
    public ClusterCentres(float[] values, int latentDimension)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(latentDimension);
        if (values.Length == 0 || values.Length % latentDimension != 0)
            throw new ArgumentException($"The centres hold {values.Length} values, not a positive multiple of the latent dimension {latentDimension}.", nameof(values));
        if (Array.FindIndex(values, v => !float.IsFinite(v)) is var bad and >= 0)
            throw new ArgumentException($"Centre {bad / latentDimension} has a non-finite coordinate ({values[bad]}).", nameof(values));
        this.values = values;
        LatentDimension = latentDimension;
        Count = values.Length / latentDimension;
    }

    /// <summary>k, the number of clusters.</summary>
    public int Count { get; }

    public int LatentDimension { get; }

    /// <summary>The centres, row-major (not a copy: do not modify).</summary>
    public ReadOnlySpan<float> Values => values;

    public ReadOnlySpan<float> Centre(int cluster) => values.AsSpan(cluster * LatentDimension, LatentDimension);

    /// <summary>Writes the squared distance from <paramref name="code"/> to each centre into <paramref name="distances"/> and returns the 0-based nearest centre (the first on a tie), or -1 when a distance is NaN.</summary>
    public int Distances(ReadOnlySpan<float> code, Span<float> distances)
    {
        int nearest = 0;
        for (int cluster = 0; cluster < Count; cluster++)
        {
            var centre = Centre(cluster);
            double sum = 0;
            for (int j = 0; j < centre.Length; j++)
            {
                double difference = code[j] - centre[j];
                sum += difference * difference;
            }
            distances[cluster] = (float)sum;
            if (double.IsNaN(sum))
                nearest = -1;
            else if (nearest >= 0 && distances[cluster] < distances[nearest])
                nearest = cluster;
        }
        return nearest;
    }

    /// <summary>The Student-t soft assignment (one degree of freedom) for the squared <paramref name="distances"/>: q_j = (1 + d_j)^-1 / sum_i (1 + d_i)^-1.</summary>
    public static void SoftAssignment(ReadOnlySpan<float> distances, Span<float> assignment)
    {
        double total = 0;
        for (int j = 0; j < distances.Length; j++)
            total += 1.0 / (1.0 + distances[j]);
        for (int j = 0; j < distances.Length; j++)
            assignment[j] = (float)(1.0 / (1.0 + distances[j]) / total);
    }

    internal void Write(BinaryWriter writer)
    {
        writer.Write(Count);
        writer.Write(LatentDimension);
        foreach (float value in values)
            writer.Write(value);
    }

    /// <summary>Reads centres written by <see cref="Write"/> for a network of latent size <paramref name="latentDimension"/>.</summary>
    internal static ClusterCentres Read(BinaryReader reader, int latentDimension)
    {
        int count = reader.ReadInt32(), size = reader.ReadInt32();
        if (size != latentDimension)
            throw new InvalidDataException($"The model's cluster centres have {size} coordinates; its network's latent dimension is {latentDimension}.");
        if (count is < 2 or > MaxClusters || (long)count * size > Array.MaxLength)
            throw new InvalidDataException($"The model declares {count} clusters; expected 2 to {MaxClusters}.");
        var values = new float[count * size];
        for (int i = 0; i < values.Length; i++)
            values[i] = reader.ReadSingle();
        try
        {
            return new ClusterCentres(values, size);
        }
        catch (ArgumentException e)
        {
            throw new InvalidDataException($"The model's cluster centres are invalid: {e.Message}", e);
        }
    }

    /// <summary>The most clusters a saved model may hold; the estimator accepts no more, so every model it fits loads again.</summary>
    internal const int MaxClusters = 100_000;
}
