namespace MLNet.Autoencoders.Transforms;

/// <summary>The names of the column an autoencoder reads and of the three columns it adds.</summary>
/// <param name="Input">The known-size vector of <see cref="float"/> the network encodes.</param>
/// <param name="Latent">The latent code: a vector of <see cref="float"/> of the latent dimension.</param>
/// <param name="Reconstruction">The reconstruction: a vector of <see cref="float"/> of the input's size, in the input's units.</param>
/// <param name="ReconstructionError">The per-row reconstruction error: the mean over features of the squared difference
/// between input and reconstruction, in the input's units.</param>
public sealed record AutoencoderColumnNames(string Input, string Latent, string Reconstruction, string ReconstructionError)
{
    /// <summary>The output column names in the order the columns are added.</summary>
    public IReadOnlyList<string> Outputs => [Latent, Reconstruction, ReconstructionError];

    internal void Write(BinaryWriter writer)
    {
        writer.Write(Input);
        writer.Write(Latent);
        writer.Write(Reconstruction);
        writer.Write(ReconstructionError);
    }

    internal static AutoencoderColumnNames Read(BinaryReader reader) =>
        new(ReadName(reader), ReadName(reader), ReadName(reader), ReadName(reader));

    private static string ReadName(BinaryReader reader)
    {
        string name = reader.ReadString();
        if (string.IsNullOrWhiteSpace(name))
            throw new InvalidDataException("The model holds an empty column name.");
        return name;
    }
}
