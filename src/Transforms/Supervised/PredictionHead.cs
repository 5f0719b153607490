using MLNet.Autoencoders.Transforms.Networks;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MLNet.Autoencoders.Transforms.Supervised;

/// <summary>
/// A small multilayer perceptron on the latent code: a classifier's logits or a regression target's (standardised) value.
/// See <see cref="HeadArchitecture"/>.
/// </summary>
public sealed class PredictionHead : nn.Module<Tensor, Tensor>
{
    private readonly Sequential layers;

    /// <summary>Builds the head with PyTorch's default initialisation.</summary>
    /// <param name="architecture">The layer sizes and activation.</param>
    public PredictionHead(HeadArchitecture architecture)
        : base(nameof(PredictionHead))
    {
        ArgumentNullException.ThrowIfNull(architecture);
        Architecture = architecture;
        layers = LayerStacks.Dense(architecture.InputSize, architecture.HiddenLayers, architecture.OutputSize, architecture.Activation);
        RegisterComponents();
    }

    /// <summary>The head's shape.</summary>
    public HeadArchitecture Architecture { get; }

    /// <summary>Maps latent codes [batch, latent] to outputs [batch, outputs].</summary>
    public override Tensor forward(Tensor latent) => layers.forward(latent);

    /// <summary>Re-draws the weights from PyTorch's default distribution with <paramref name="generator"/>.</summary>
    public void ResetParameters(Generator generator) => ParameterInitialization.Reset(this, generator);

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        if (disposing)
            layers.Dispose();
        base.Dispose(disposing);
    }
}
