using static TorchSharp.torch;

namespace MLNet.Autoencoders.Transforms.Networks;

/// <summary>
/// What a training forward pass produced: the code, the reconstruction, and any penalty the network
/// itself contributes to the loss (a VAE's KL divergence), by name. The training loop weights the
/// penalties and adds the reconstruction and sparsity terms.
/// </summary>
/// <param name="Latent">The latent codes the decoder received, shape [batch, latent].</param>
/// <param name="Reconstruction">The reconstructions, shape [batch, input], in scaled units.</param>
public sealed record ForwardPass(Tensor Latent, Tensor Reconstruction)
{
    /// <summary>Scalar penalty tensors by name, e.g. "kl". Empty for a plain autoencoder.</summary>
    public IReadOnlyDictionary<string, Tensor> Penalties { get; init; } = new Dictionary<string, Tensor>();
}
