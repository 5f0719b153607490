namespace MLNet.Autoencoders.Transforms.Networks;

/// <summary>
/// The shape of an autoencoder network: enough to rebuild it, and to write into and read from a model file.
/// </summary>
/// <param name="InputSize">The length of the flat input vector.</param>
/// <param name="LatentDimension">The size of the latent code.</param>
public abstract record NetworkArchitecture(int InputSize, int LatentDimension)
{
    /// <summary>
    /// Why a column of <paramref name="type"/> (of the right length) cannot be this network's input, or <see langword="null"/>
    /// when it can. Only networks that read images look further than the length: at its declared dimensions.
    /// </summary>
    internal virtual string? InputShapeProblem(Microsoft.ML.Data.VectorDataViewType type) => null;

    /// <summary>The most hidden layers a saved network may declare on each side; options are checked against it.</summary>
    internal const int MaxLayers = 64;

    /// <summary>The largest layer or input size a saved network may declare; options are checked against it.</summary>
    internal const int MaxSize = 1 << 24;

    /// <summary>
    /// The length of the flat vector the decoder produces: the input size for an autoencoder, the target's size for a network
    /// trained on paired targets (an input mapped to a different output, e.g. a small image to a large one).
    /// </summary>
    public virtual int OutputSize => InputSize;

    /// <summary>Whether the decoder's output is a separate target rather than the input (see <see cref="OutputSize"/>).</summary>
    public virtual bool HasTarget => false;

    /// <summary>Builds a network of this shape with PyTorch's default initialisation.</summary>
    public abstract AutoencoderNetwork CreateNetwork();

    /// <summary>
    /// Whether the network is a variational autoencoder (its networks implement <see cref="IVariationalNetwork"/>): it has
    /// a posterior log-variance to report and a prior N(0, I) to sample from. Default is <see langword="false"/>.
    /// </summary>
    public virtual bool IsVariational => false;

    /// <summary>The tag that says which architecture a model file holds.</summary>
    private protected abstract byte Tag { get; }

    private protected abstract void WriteBody(BinaryWriter writer);

    internal void Write(BinaryWriter writer)
    {
        writer.Write(Tag);
        WriteBody(writer);
    }

    internal static NetworkArchitecture Read(BinaryReader reader)
    {
        byte tag = reader.ReadByte();
        return tag switch
        {
            DenseArchitecture.FormatTag => DenseArchitecture.ReadBody(reader),
            DenseArchitecture.TargetFormatTag => DenseArchitecture.ReadBody(reader) with { TargetSize = ReadPositive(reader, "target size") },
            ConvolutionalArchitecture.FormatTag => ConvolutionalArchitecture.ReadBody(reader),
            ConvolutionalArchitecture.TargetFormatTag => ConvolutionalArchitecture.ReadTargetBody(reader),
            VariationalArchitecture.FormatTag => VariationalArchitecture.ReadBody(reader),
            ConvolutionalVariationalArchitecture.FormatTag => ConvolutionalVariationalArchitecture.ReadBody(reader),
            _ => throw new InvalidDataException($"The model holds a network architecture with tag {tag}, which this version does not know."),
        };
    }

    /// <summary>Reads a size that must be positive and plausible.</summary>
    private protected static int ReadPositive(BinaryReader reader, string what)
    {
        int value = reader.ReadInt32();
        if (value is <= 0 or > MaxSize)
            throw new InvalidDataException($"The model's {what} is {value}; expected a positive size.");
        return value;
    }

    /// <summary>Reads a list of positive sizes, written as a count and the sizes.</summary>
    private protected static int[] ReadSizes(BinaryReader reader, string what)
    {
        int count = reader.ReadInt32();
        if (count is < 0 or > MaxLayers)
            throw new InvalidDataException($"The model declares {count} {what}; expected between 0 and 64.");
        var sizes = new int[count];
        for (int i = 0; i < count; i++)
            sizes[i] = ReadPositive(reader, what);
        return sizes;
    }

    /// <summary>Writes a list of sizes as a count and the sizes.</summary>
    private protected static void WriteSizes(BinaryWriter writer, IReadOnlyList<int> sizes)
    {
        writer.Write(sizes.Count);
        foreach (int size in sizes)
            writer.Write(size);
    }

    /// <summary>Reads an enum value written as an int, checking that it is defined.</summary>
    private protected static TEnum ReadEnum<TEnum>(BinaryReader reader) where TEnum : struct, Enum
    {
        int value = reader.ReadInt32();
        var result = (TEnum)Enum.ToObject(typeof(TEnum), value);
        if (!Enum.IsDefined(result))
            throw new InvalidDataException($"The model's {typeof(TEnum).Name} code {value} is not known.");
        return result;
    }
}
