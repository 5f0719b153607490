namespace MLNet.Autoencoders.Transforms.Networks;

/// <summary>
/// The shape of a dense autoencoder: input size, the encoder's hidden layer sizes, the latent size
/// and the decoder's hidden layer sizes.
/// </summary>
/// <param name="InputSize">The number of input features.</param>
/// <param name="EncoderLayers">Hidden layer sizes from the input towards the latent layer.</param>
/// <param name="LatentDimension">The size of the latent (code) layer.</param>
/// <param name="DecoderLayers">Hidden layer sizes from the latent layer towards the output.</param>
/// <param name="Activation">The nonlinearity after every hidden layer.</param>
/// <param name="OutputActivation">The function on the decoder's last layer.</param>
public sealed record DenseArchitecture(
    int InputSize,
    IReadOnlyList<int> EncoderLayers,
    int LatentDimension,
    IReadOnlyList<int> DecoderLayers,
    Activation Activation,
    OutputActivation OutputActivation = OutputActivation.Identity) : NetworkArchitecture(InputSize, LatentDimension)
{
    internal const byte FormatTag = 1;

    /// <inheritdoc/>
    private protected override byte Tag => FormatTag;

    /// <inheritdoc/>
    public override AutoencoderNetwork CreateNetwork() => new DenseAutoencoderNetwork(this);

    /// <inheritdoc/>
    public override string ToString() =>
        string.Join("-", EncoderLayers.Prepend(InputSize).Append(LatentDimension).Concat(DecoderLayers).Append(InputSize))
        + (OutputActivation == OutputActivation.Identity ? $" ({Activation})" : $" ({Activation}, {OutputActivation} output)");

    private protected override void WriteBody(BinaryWriter writer) => WriteFields(writer);

    /// <summary>Writes the layer sizes and activations; shared with the variational architecture, which has the same fields.</summary>
    internal void WriteFields(BinaryWriter writer)
    {
        writer.Write(InputSize);
        WriteSizes(writer, EncoderLayers);
        writer.Write(LatentDimension);
        WriteSizes(writer, DecoderLayers);
        writer.Write((int)Activation);
        writer.Write((int)OutputActivation);
    }

    internal static DenseArchitecture ReadBody(BinaryReader reader) => ReadFields(reader);

    /// <summary>Reads what <see cref="WriteFields"/> wrote.</summary>
    internal static DenseArchitecture ReadFields(BinaryReader reader)
    {
        int inputSize = ReadPositive(reader, "input size");
        var encoder = ReadSizes(reader, "encoder layers");
        int latent = ReadPositive(reader, "latent dimension");
        var decoder = ReadSizes(reader, "decoder layers");
        var activation = ReadEnum<Activation>(reader);
        return new DenseArchitecture(inputSize, encoder, latent, decoder, activation, ReadEnum<OutputActivation>(reader));
    }
}
