namespace MLNet.Autoencoders.Transforms.Decoding;

/// <summary>The names of the column an <see cref="AutoencoderDecoderTransformer"/> reads and of the column it adds.</summary>
/// <param name="Latent">The latent codes to decode: a known-size vector of <see cref="float"/> of the latent dimension.</param>
/// <param name="Output">The decoded vectors (e.g. images): a vector of <see cref="float"/> of the autoencoder's input size, in the input's units.</param>
public sealed record DecoderColumnNames(string Latent, string Output)
{
    internal void Write(BinaryWriter writer)
    {
        writer.Write(Latent);
        writer.Write(Output);
    }

    internal static DecoderColumnNames Read(BinaryReader reader) => new(ReadName(reader), ReadName(reader));

    private static string ReadName(BinaryReader reader)
    {
        string name = reader.ReadString();
        if (string.IsNullOrWhiteSpace(name))
            throw new InvalidDataException("The model holds an empty column name.");
        return name;
    }
}
