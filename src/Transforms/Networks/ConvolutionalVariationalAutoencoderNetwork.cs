using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace MLNet.Autoencoders.Transforms.Networks;

/// <summary>
/// A convolutional variational autoencoder over images held in flat, planar pixel vectors: the convolutional
/// encoder's blocks (see <see cref="ConvolutionalArchitecture"/>), then two linear heads from the feature maps to the mean
/// and the log-variance of a diagonal Gaussian posterior q(z | x); and the convolutional decoder.
/// </summary>
/// <remarks>
/// Training samples the code with the reparameterization trick and reports the KL penalty exactly as the dense
/// <see cref="VariationalAutoencoderNetwork"/> does (<see cref="VariationalAutoencoderNetwork.KLPenalty"/>, the batch mean of
/// <see cref="VariationalAutoencoderNetwork.KLDivergence"/> divided by the number of pixel values). <see cref="Encode"/>
/// returns the mean, so scoring is deterministic.
/// </remarks>
public sealed class ConvolutionalVariationalAutoencoderNetwork : AutoencoderNetwork, IVariationalNetwork
{
    private readonly Sequential features;
    private readonly Linear mean;
    private readonly Linear logVariance;
    private readonly Sequential decoder;
    private readonly ConvolutionalVariationalArchitecture architecture;

    /// <summary>Builds the network with PyTorch's default initialisation.</summary>
    /// <param name="architecture">The image shape, blocks and activation.</param>
    /// <exception cref="ArgumentException">The image's height or width is not divisible by 2 to the number of blocks.</exception>
    public ConvolutionalVariationalAutoencoderNetwork(ConvolutionalVariationalArchitecture architecture)
        : base(nameof(ConvolutionalVariationalAutoencoderNetwork))
    {
        ArgumentNullException.ThrowIfNull(architecture);
        var convolution = architecture.Convolution;
        if (ConvolutionalArchitecture.ShapeProblem(convolution.Image, convolution.Channels.Count) is { } problem)
            throw new ArgumentException($"Cannot build a convolutional network for {convolution.Image} images: {problem}.", nameof(architecture));
        this.architecture = architecture;
        features = ConvolutionalLayerStacks.Features(convolution);
        mean = Linear(convolution.FeatureMapShape.Size, convolution.LatentDimension);
        logVariance = Linear(convolution.FeatureMapShape.Size, convolution.LatentDimension);
        decoder = ConvolutionalLayerStacks.Decoder(convolution);
        RegisterComponents();
    }

    /// <inheritdoc/>
    public override NetworkArchitecture Architecture => architecture;

    /// <summary>The posterior mean of a batch of (scaled) flat images: the deterministic code used for scoring.</summary>
    public override Tensor Encode(Tensor input)
    {
        using var hidden = Features(input);
        return mean.forward(hidden);
    }

    /// <inheritdoc/>
    public (Tensor Mean, Tensor LogVariance) EncodeDistribution(Tensor input)
    {
        using var hidden = Features(input);
        return (mean.forward(hidden), logVariance.forward(hidden));
    }

    /// <inheritdoc/>
    public override Tensor Decode(Tensor latent)
    {
        using var images = decoder.forward(latent);
        return images.flatten(1);
    }

    /// <summary>
    /// Samples each row's code from its posterior with <paramref name="generator"/> and decodes it; the pass carries the
    /// penalty <see cref="VariationalAutoencoderNetwork.KLPenalty"/>, as in the dense variational network.
    /// </summary>
    public override ForwardPass TrainingForward(Tensor input, Generator generator)
    {
        var (posteriorMean, posteriorLogVariance) = EncodeDistribution(input);
        return VariationalForwardPass.Create(posteriorMean, posteriorLogVariance, architecture.InputSize, generator, Decode);
    }

    private Tensor Features(Tensor input)
    {
        var image = architecture.Convolution.Image;
        using var images = input.reshape(-1, image.Channels, image.Height, image.Width);
        return features.forward(images);
    }

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            features.Dispose();
            mean.Dispose();
            logVariance.Dispose();
            decoder.Dispose();
        }
        base.Dispose(disposing);
    }
}
