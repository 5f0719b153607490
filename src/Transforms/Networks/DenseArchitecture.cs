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

    /// <summary>The tag of a dense network trained on paired targets: the same fields, then <see cref="TargetSize"/>.</summary>
    internal const byte TargetFormatTag = 5;

    /// <summary>
    /// The size of the target the decoder produces when the network maps its input to a separate target column; <see langword="null"/>
    /// (the default) for an autoencoder, whose decoder reproduces the input.
    /// </summary>
    public int? TargetSize { get; init; }

    /// <inheritdoc/>
    public override int OutputSize => TargetSize ?? InputSize;

    /// <inheritdoc/>
    public override bool HasTarget => TargetSize is not null;

    /// <inheritdoc/>
    private protected override byte Tag => HasTarget ? TargetFormatTag : FormatTag;

    /// <inheritdoc/>
    public override AutoencoderNetwork CreateNetwork() => new DenseAutoencoderNetwork(this);

    /// <inheritdoc/>
    public override string ToString() =>
        string.Join("-", EncoderLayers.Prepend(InputSize).Append(LatentDimension).Concat(DecoderLayers).Append(OutputSize))
        + (OutputActivation == OutputActivation.Identity ? $" ({Activation})" : $" ({Activation}, {OutputActivation} output)");

    private protected override void WriteBody(BinaryWriter writer)
    {
        WriteFields(writer);
        if (TargetSize is { } targetSize)
            writer.Write(targetSize);
    }

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
