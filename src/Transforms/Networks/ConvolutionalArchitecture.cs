using System.Globalization;

namespace MLNet.Autoencoders.Transforms.Networks;

/// <summary>
/// The shape of a convolutional autoencoder. The encoder has one block per entry of <paramref name="Channels"/>,
/// each a 3x3 convolution to that many channels and the activation, halving the height and width; a linear layer
/// maps the last block's feature maps to the latent code. The decoder mirrors it: a linear layer and the activation
/// back to the feature maps, then one block per entry in reverse order, each doubling the height and width, the last
/// one producing the image's channels, followed by the output activation.
/// </summary>
/// <param name="Image">The input images' channels, height and width.</param>
/// <param name="Channels">The encoder blocks' channel counts, from the input towards the latent code.</param>
/// <param name="LatentDimension">The size of the latent code.</param>
/// <param name="Downsampling">How encoder blocks halve the height and width.</param>
/// <param name="Upsampling">How decoder blocks double the height and width.</param>
/// <param name="Activation">The nonlinearity after every block but the decoder's last, and after the decoder's linear layer.</param>
/// <param name="OutputActivation">The function on the decoder's last layer: <see cref="OutputActivation.Sigmoid"/> for (scaled) inputs in [0, 1].</param>
public sealed record ConvolutionalArchitecture(
    ImageShape Image,
    IReadOnlyList<int> Channels,
    int LatentDimension,
    ConvolutionalDownsampling Downsampling,
    ConvolutionalUpsampling Upsampling,
    Activation Activation,
    OutputActivation OutputActivation) : NetworkArchitecture(Image.Size, LatentDimension)
{
    internal const byte FormatTag = 2;

    /// <summary>The tag of a convolutional network trained on paired targets: the same fields, then <see cref="Target"/>'s shape.</summary>
    internal const byte TargetFormatTag = 6;

    /// <summary>
    /// The shape of the target images the decoder produces when the network maps its input images to a separate target column
    /// (e.g. 1x14x14 in, 1x28x28 out, or grey in, colour out); <see langword="null"/> (the default) for an autoencoder. The decoder
    /// starts from feature maps of the target's height and width divided by <see cref="DownsamplingFactor"/>.
    /// </summary>
    public ImageShape? Target { get; init; }

    /// <summary>The images the decoder produces: <see cref="Target"/>, or the input's shape.</summary>
    public ImageShape OutputImage => Target ?? Image;

    /// <inheritdoc/>
    public override int OutputSize => OutputImage.Size;

    /// <inheritdoc/>
    public override bool HasTarget => Target is not null;

    /// <summary>The shape of the feature maps the decoder's first block reads: <see cref="FeatureMapShape"/> with the output's height and width.</summary>
    public ImageShape DecoderMapShape => new(Channels[^1], OutputImage.Height / DownsamplingFactor, OutputImage.Width / DownsamplingFactor);

    /// <summary>The most encoder blocks a model may declare: each halves the image.</summary>
    internal const int MaxBlocks = 16;

    /// <summary>How much the encoder shrinks the height and width: 2 to the number of blocks.</summary>
    public int DownsamplingFactor => 1 << Channels.Count;

    /// <summary>The shape of the feature maps the last encoder block produces and the decoder's first block reads.</summary>
    public ImageShape FeatureMapShape => new(Channels[^1], Image.Height / DownsamplingFactor, Image.Width / DownsamplingFactor);

    /// <inheritdoc/>
    private protected override byte Tag => HasTarget ? TargetFormatTag : FormatTag;

    /// <inheritdoc/>
    public override AutoencoderNetwork CreateNetwork() => new ConvolutionalAutoencoderNetwork(this);

    /// <inheritdoc/>
    internal override string? InputShapeProblem(Microsoft.ML.Data.VectorDataViewType type)
    {
        var dimensions = type.Dimensions;
        if (dimensions.Length < 2)
            return null;
        var declared = dimensions.Length == 2
            ? new ImageShape(1, dimensions[0], dimensions[1])
            : new ImageShape(dimensions[^3], dimensions[^2], dimensions[^1]);
        return declared == Image || dimensions.Length > 3
            ? null
            : $"expected an image of {Image} (channels x height x width), got one of {declared}";
    }

    /// <summary>
    /// Why <paramref name="image"/> cannot go through <paramref name="blocks"/> halving blocks, or <see langword="null"/> if it can:
    /// its height and width must be divisible by 2^<paramref name="blocks"/>.
    /// </summary>
    public static string? ShapeProblem(ImageShape image, int blocks)
    {
        if (!image.IsValid)
            return $"the image shape {image} must have positive channels, height and width";
        if (blocks is < 1 or > MaxBlocks)
            return $"the encoder must have between 1 and {MaxBlocks} blocks, not {blocks}";
        int factor = 1 << blocks;
        if (image.Height % factor != 0 || image.Width % factor != 0)
        {
            return string.Create(CultureInfo.InvariantCulture,
                $"{blocks} downsampling blocks need a height and width divisible by {factor}");
        }
        return null;
    }

    /// <inheritdoc/>
    public override string ToString()
    {
        string output = OutputActivation == OutputActivation.Identity ? "" : $", {OutputActivation} output";
        return $"{Image} -conv[{string.Join(", ", Channels)}] ({Downsampling})-> {FeatureMapShape} -> {LatentDimension} -> {DecoderMapShape}"
            + $" -conv[{string.Join(", ", Channels.Reverse().Skip(1).Append(OutputImage.Channels))}] ({Upsampling})-> {OutputImage} ({Activation}{output})";
    }

    private protected override void WriteBody(BinaryWriter writer)
    {
        WriteFields(writer);
        if (Target is { } target)
        {
            writer.Write(target.Channels);
            writer.Write(target.Height);
            writer.Write(target.Width);
        }
    }

    /// <summary>Reads what <see cref="WriteBody"/> wrote for a network with a target.</summary>
    internal static ConvolutionalArchitecture ReadTargetBody(BinaryReader reader)
    {
        var architecture = ReadBody(reader);
        var target = new ImageShape(ReadPositive(reader, "target channels"), ReadPositive(reader, "target height"), ReadPositive(reader, "target width"));
        if (ShapeProblem(target, architecture.Channels.Count) is { } problem)
            throw new InvalidDataException($"The model's convolutional network is inconsistent: {problem}, but its target images are {target}.");
        return architecture with { Target = target };
    }

    /// <summary>Writes the fields <see cref="ReadBody"/> reads (also the body of a <see cref="ConvolutionalVariationalArchitecture"/>).</summary>
    internal void WriteFields(BinaryWriter writer)
    {
        writer.Write(Image.Channels);
        writer.Write(Image.Height);
        writer.Write(Image.Width);
        WriteSizes(writer, Channels);
        writer.Write(LatentDimension);
        writer.Write((int)Downsampling);
        writer.Write((int)Upsampling);
        writer.Write((int)Activation);
        writer.Write((int)OutputActivation);
    }

    internal static ConvolutionalArchitecture ReadBody(BinaryReader reader)
    {
        var image = new ImageShape(ReadPositive(reader, "image channels"), ReadPositive(reader, "image height"), ReadPositive(reader, "image width"));
        var channels = ReadSizes(reader, "convolution channels");
        if (ShapeProblem(image, channels.Length) is { } problem)
            throw new InvalidDataException($"The model's convolutional network is inconsistent: {problem}, but its images are {image}.");
        int latent = ReadPositive(reader, "latent dimension");
        var downsampling = ReadEnum<ConvolutionalDownsampling>(reader);
        var upsampling = ReadEnum<ConvolutionalUpsampling>(reader);
        var activation = ReadEnum<Activation>(reader);
        var output = ReadEnum<OutputActivation>(reader);
        return new ConvolutionalArchitecture(image, channels, latent, downsampling, upsampling, activation, output);
    }
}
