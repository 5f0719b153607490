using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace MLNet.Autoencoders.Transforms.Networks;

/// <summary>
/// A multilayer (dense) autoencoder: an encoder stack of linear layers down to a linear latent layer,
/// and a decoder stack back up to a linear output layer of the input's size.
/// </summary>
public sealed class DenseAutoencoderNetwork : Module<Tensor, Tensor>
{
    private readonly Sequential encoder;
    private readonly Sequential decoder;

    /// <summary>Builds the network with PyTorch's default initialisation.</summary>
    /// <param name="architecture">The layer sizes and activation.</param>
    public DenseAutoencoderNetwork(DenseArchitecture architecture)
        : base(nameof(DenseAutoencoderNetwork))
    {
        Architecture = architecture;
        encoder = LayerStacks.Dense(architecture.InputSize, architecture.EncoderLayers, architecture.LatentDimension, architecture.Activation);
        decoder = LayerStacks.Dense(architecture.LatentDimension, architecture.DecoderLayers, architecture.InputSize, architecture.Activation);
        RegisterComponents();
    }

    /// <summary>The shape this network was built with.</summary>
    public DenseArchitecture Architecture { get; }

    /// <summary>Maps a batch of (scaled) inputs, shape [batch, input], to latent codes, shape [batch, latent].</summary>
    public Tensor Encode(Tensor input) => encoder.forward(input);

    /// <summary>Maps a batch of latent codes back to (scaled) reconstructions.</summary>
    public Tensor Decode(Tensor latent) => decoder.forward(latent);

    /// <summary>Encodes and decodes a batch.</summary>
    public override Tensor forward(Tensor input)
    {
        using var latent = Encode(input);
        return Decode(latent);
    }

    /// <summary>
    /// Re-draws every weight and bias from PyTorch's default <c>Linear</c> distribution,
    /// U(-1/sqrt(fan_in), 1/sqrt(fan_in)), using <paramref name="generator"/> so that a seed
    /// fixes the initial network without touching TorchSharp's global random state.
    /// </summary>
    public void ResetParameters(Generator generator)
    {
        using var noGrad = no_grad();
        // Tensor.uniform_ rather than nn.init.uniform_: in TorchSharp 0.107 the latter ignores its generator.
        foreach (var linear in modules().OfType<Linear>())
        {
            double bound = 1.0 / Math.Sqrt(linear.weight!.shape[1]);
            linear.weight.uniform_(-bound, bound, generator);
            if (linear.bias is { } bias)
                bias.uniform_(-bound, bound, generator);
        }
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
