using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MLNet.Autoencoders.Transforms.Networks;

/// <summary>
/// A multilayer (dense) autoencoder: an encoder stack of linear layers down to a linear latent layer,
/// and a decoder stack back up to a linear output layer of the input's size (or the target's, see <see cref="NetworkArchitecture.OutputSize"/>).
/// </summary>
public sealed class DenseAutoencoderNetwork : AutoencoderNetwork
{
    private readonly Sequential encoder;
    private readonly Sequential decoder;
    private readonly DenseArchitecture architecture;

    /// <summary>Builds the network with PyTorch's default initialisation.</summary>
    /// <param name="architecture">The layer sizes and activation.</param>
    public DenseAutoencoderNetwork(DenseArchitecture architecture)
        : base(nameof(DenseAutoencoderNetwork))
    {
        this.architecture = architecture;
        encoder = LayerStacks.Dense(architecture.InputSize, architecture.EncoderLayers, architecture.LatentDimension, architecture.Activation);
        decoder = LayerStacks.Dense(architecture.LatentDimension, architecture.DecoderLayers, architecture.OutputSize, architecture.Activation,
            architecture.OutputActivation);
        RegisterComponents();
    }

    /// <inheritdoc/>
    public override NetworkArchitecture Architecture => architecture;

    /// <inheritdoc/>
    public override Tensor Encode(Tensor input) => encoder.forward(input);

    /// <inheritdoc/>
    public override Tensor Decode(Tensor latent) => decoder.forward(latent);

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
