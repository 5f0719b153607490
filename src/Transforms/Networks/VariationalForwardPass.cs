using TorchSharp;
using static TorchSharp.torch;

namespace MLNet.Autoencoders.Transforms.Networks;

/// <summary>
/// The training pass every variational network shares: the reparameterization trick and the scaled KL penalty,
/// so that the dense and the convolutional VAE train on exactly the same loss.
/// </summary>
internal static class VariationalForwardPass
{
    /// <summary>
    /// Samples z = mean + exp(logvar / 2) * eps, eps ~ N(0, I) from <paramref name="generator"/>, decodes it, and attaches the
    /// penalty <see cref="VariationalAutoencoderNetwork.KLPenalty"/>: the batch mean of
    /// <see cref="VariationalAutoencoderNetwork.KLDivergence"/> divided by <paramref name="inputSize"/>.
    /// </summary>
    public static ForwardPass Create(Tensor mean, Tensor logVariance, int inputSize, Generator generator, Func<Tensor, Tensor> decode)
    {
        var noise = randn(mean.shape, generator: generator);
        var latent = mean.add(noise.mul(logVariance.mul(NativeScalars.Half).exp()), NativeScalars.One);
        using Scalar features = inputSize;
        var kl = VariationalAutoencoderNetwork.KLDivergence(mean, logVariance).mean().div(features);
        return new ForwardPass(latent, decode(latent))
        {
            Penalties = new Dictionary<string, Tensor> { [VariationalAutoencoderNetwork.KLPenalty] = kl },
        };
    }
}
