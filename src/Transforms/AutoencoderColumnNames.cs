namespace MLNet.Autoencoders.Transforms;

/// <summary>The names of the column an autoencoder reads and of the columns it adds.</summary>
/// <param name="Input">The known-size vector of <see cref="float"/> the network encodes.</param>
/// <param name="Latent">The latent code: a vector of <see cref="float"/> of the latent dimension (for a variational autoencoder, the posterior mean).</param>
/// <param name="Reconstruction">The reconstruction: a vector of <see cref="float"/> of the input's size, in the input's units (of the <see cref="Target"/>'s size and units when the model has one).</param>
/// <param name="ReconstructionError">The per-row reconstruction error: the mean over features of the squared difference
/// between input and reconstruction, in the input's units (over the observed features when NaN is treated as missing).</param>
public sealed record AutoencoderColumnNames(string Input, string Latent, string Reconstruction, string ReconstructionError)
{
    /// <summary>
    /// The posterior log-variance column of a variational autoencoder: a vector of <see cref="float"/> of the latent
    /// dimension. <see langword="null"/> (no column) for other autoencoders.
    /// </summary>
    public string? LatentLogVariance { get; init; }

    /// <summary>
    /// The imputed column of a model that treats NaN as missing: the input, in the input's units, with each NaN
    /// replaced by the reconstruction. <see langword="null"/> (no column) otherwise.
    /// </summary>
    public string? Imputed { get; init; }

    /// <summary>
    /// The paired target column of a network trained to map its input to a separate target (e.g. small images to large ones):
    /// a known-size vector of <see cref="float"/> of the network's output size. The reconstruction is then in the target's units,
    /// and the error compares it with this column when the scored data has it (NaN when it does not). <see langword="null"/>
    /// (the default) for an autoencoder, whose target is its input.
    /// </summary>
    public string? Target { get; init; }

    /// <summary>The output column names in the order the columns are added.</summary>
    public IReadOnlyList<string> Outputs =>
        new[] { Latent, Reconstruction, ReconstructionError, LatentLogVariance, Imputed }.OfType<string>().ToArray();

    internal void Write(BinaryWriter writer)
    {
        writer.Write(Input);
        writer.Write(Latent);
        writer.Write(Reconstruction);
        writer.Write(ReconstructionError);
    }

    internal static AutoencoderColumnNames Read(BinaryReader reader) =>
        new(ReadName(reader), ReadName(reader), ReadName(reader), ReadName(reader));

    /// <summary>Writes the optional names (format version 2 on): a flag and the name for each.</summary>
    internal void WriteOptional(BinaryWriter writer)
    {
        WriteOptionalName(writer, LatentLogVariance);
        WriteOptionalName(writer, Imputed);
    }

    /// <summary>These names with the optional ones <see cref="WriteOptional"/> wrote.</summary>
    internal AutoencoderColumnNames ReadOptional(BinaryReader reader) =>
        this with { LatentLogVariance = ReadOptionalName(reader), Imputed = ReadOptionalName(reader) };

    private static void WriteOptionalName(BinaryWriter writer, string? name)
    {
        writer.Write(name is not null);
        if (name is not null)
            writer.Write(name);
    }

    private static string? ReadOptionalName(BinaryReader reader) => reader.ReadBoolean() ? ReadName(reader) : null;

    private static string ReadName(BinaryReader reader)
    {
        string name = reader.ReadString();
        if (string.IsNullOrWhiteSpace(name))
            throw new InvalidDataException("The model holds an empty column name.");
        return name;
    }
}
