using static TorchSharp.torch;

namespace MLNet.Autoencoders.Transforms.Networks;

/// <summary>
/// A variational autoencoder network: its encoder gives each row a diagonal Gaussian posterior q(z | x) instead of a
/// point. <see cref="AutoencoderNetwork.Encode"/> returns the posterior mean; scoring also reports the log-variance.
/// Implemented by <see cref="VariationalAutoencoderNetwork"/> (dense) and <see cref="ConvolutionalVariationalAutoencoderNetwork"/>.
/// </summary>
public interface IVariationalNetwork
{
    /// <summary>The posterior mean and log-variance of a batch of (scaled) inputs, each of shape [batch, latent].</summary>
    (Tensor Mean, Tensor LogVariance) EncodeDistribution(Tensor input);
}
