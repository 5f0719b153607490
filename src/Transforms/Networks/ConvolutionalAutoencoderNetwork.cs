using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MLNet.Autoencoders.Transforms.Networks;

/// <summary>
/// A convolutional autoencoder over images held in flat, planar pixel vectors: <see cref="Encode"/> views a
/// [batch, C x H x W] input as [batch, C, H, W] images, and <see cref="Decode"/> returns flat vectors again,
/// so training and scoring treat it like any other <see cref="AutoencoderNetwork"/>.
/// See <see cref="ConvolutionalArchitecture"/> for the layers.
/// </summary>
public sealed class ConvolutionalAutoencoderNetwork : AutoencoderNetwork
{
    private readonly Sequential encoder;
    private readonly Sequential decoder;
    private readonly ConvolutionalArchitecture architecture;

    /// <summary>Builds the network with PyTorch's default initialisation.</summary>
    /// <param name="architecture">The image shape, blocks and activation.</param>
    /// <exception cref="ArgumentException">The image's height or width is not divisible by 2 to the number of blocks.</exception>
    public ConvolutionalAutoencoderNetwork(ConvolutionalArchitecture architecture)
        : base(nameof(ConvolutionalAutoencoderNetwork))
    {
        ArgumentNullException.ThrowIfNull(architecture);
        if (ConvolutionalArchitecture.ShapeProblem(architecture.Image, architecture.Channels.Count) is { } problem)
            throw new ArgumentException($"Cannot build a convolutional network for {architecture.Image} images: {problem}.", nameof(architecture));
        if (architecture.Target is { } target && ConvolutionalArchitecture.ShapeProblem(target, architecture.Channels.Count) is { } targetProblem)
            throw new ArgumentException($"Cannot build a convolutional network for {target} target images: {targetProblem}.", nameof(architecture));
        this.architecture = architecture;
        encoder = ConvolutionalLayerStacks.Encoder(architecture);
        decoder = ConvolutionalLayerStacks.Decoder(architecture);
        RegisterComponents();
    }

    /// <inheritdoc/>
    public override NetworkArchitecture Architecture => architecture;

    /// <inheritdoc/>
    public override Tensor Encode(Tensor input)
    {
        var image = architecture.Image;
        using var images = input.reshape(-1, image.Channels, image.Height, image.Width);
        return encoder.forward(images);
    }

    /// <inheritdoc/>
    public override Tensor Decode(Tensor latent)
    {
        using var images = decoder.forward(latent);
        return images.flatten(1);
    }

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            encoder.Dispose();
            decoder.Dispose();
        }
        base.Dispose(disposing);
    }
}
