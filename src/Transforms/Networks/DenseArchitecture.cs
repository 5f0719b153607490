namespace MLNet.Autoencoders.Transforms.Networks;

/// <summary>
/// The shape of a dense autoencoder: input size, the encoder's hidden layer sizes, the latent size
/// and the decoder's hidden layer sizes. It is all a fitted model needs to rebuild its network.
/// </summary>
/// <param name="InputSize">The number of input features.</param>
/// <param name="EncoderLayers">Hidden layer sizes from the input towards the latent layer.</param>
/// <param name="LatentDimension">The size of the latent (code) layer.</param>
/// <param name="DecoderLayers">Hidden layer sizes from the latent layer towards the output.</param>
/// <param name="Activation">The nonlinearity after every hidden layer.</param>
public sealed record DenseArchitecture(
    int InputSize,
    IReadOnlyList<int> EncoderLayers,
    int LatentDimension,
    IReadOnlyList<int> DecoderLayers,
    Activation Activation)
{
    /// <summary>The number of trainable weights and biases of a network of this shape.</summary>
    public long ParameterCount
    {
        get
        {
            long count = 0;
            int previous = InputSize;
            foreach (int size in EncoderLayers.Append(LatentDimension).Concat(DecoderLayers).Append(InputSize))
            {
                count += (long)previous * size + size;
                previous = size;
            }
            return count;
        }
    }

    /// <inheritdoc/>
    public override string ToString() =>
        string.Join("-", EncoderLayers.Prepend(InputSize).Append(LatentDimension).Concat(DecoderLayers).Append(InputSize))
        + $" ({Activation})";

    internal void Write(BinaryWriter writer)
    {
        writer.Write(InputSize);
        WriteSizes(writer, EncoderLayers);
        writer.Write(LatentDimension);
        WriteSizes(writer, DecoderLayers);
        writer.Write((int)Activation);
    }

    internal static DenseArchitecture Read(BinaryReader reader)
    {
        int inputSize = ReadPositive(reader, "input size");
        var encoder = ReadSizes(reader);
        int latent = ReadPositive(reader, "latent dimension");
        var decoder = ReadSizes(reader);
        int activation = reader.ReadInt32();
        if (!Enum.IsDefined(typeof(Activation), activation))
            throw new InvalidDataException($"The model's activation code {activation} is not a known {nameof(Activation)}.");
        return new DenseArchitecture(inputSize, encoder, latent, decoder, (Activation)activation);
    }

    private static void WriteSizes(BinaryWriter writer, IReadOnlyList<int> sizes)
    {
        writer.Write(sizes.Count);
        foreach (int size in sizes)
            writer.Write(size);
    }

    private static int[] ReadSizes(BinaryReader reader)
    {
        int count = reader.ReadInt32();
        if (count is < 0 or > 64)
            throw new InvalidDataException($"The model declares {count} hidden layers; expected between 0 and 64.");
        var sizes = new int[count];
        for (int i = 0; i < count; i++)
            sizes[i] = ReadPositive(reader, "hidden layer size");
        return sizes;
    }

    private static int ReadPositive(BinaryReader reader, string what)
    {
        int value = reader.ReadInt32();
        if (value is <= 0 or > 1 << 24)
            throw new InvalidDataException($"The model's {what} is {value}; expected a positive size.");
        return value;
    }
}
