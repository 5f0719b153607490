using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace MLNet.Autoencoders.Transforms.Networks;

/// <summary>
/// The base of every autoencoder network in the library: an encoder from a flat batch of inputs,
/// shape [batch, input], to latent codes, shape [batch, latent], and a decoder back. Networks that
/// work on images reshape inside <see cref="Encode"/> and <see cref="Decode"/>, so training and
/// scoring handle every network alike.
/// </summary>
public abstract class AutoencoderNetwork : Module<Tensor, Tensor>
{
    /// <summary>Creates the module with the given TorchSharp name.</summary>
    protected AutoencoderNetwork(string name)
        : base(name)
    {
    }

    /// <summary>The shape this network was built with; it is all a saved model needs to rebuild it.</summary>
    public abstract NetworkArchitecture Architecture { get; }

    /// <summary>The number of trainable weights and biases.</summary>
    public long ParameterCount => parameters().Sum(p => p.numel());

    /// <summary>Maps a batch of (scaled) inputs to the latent codes used for scoring (for a VAE, the posterior means).</summary>
    public abstract Tensor Encode(Tensor input);

    /// <summary>Maps a batch of latent codes back to (scaled) reconstructions.</summary>
    public abstract Tensor Decode(Tensor latent);

    /// <summary>Encodes and decodes a batch, deterministically.</summary>
    public override Tensor forward(Tensor input)
    {
        using var latent = Encode(input);
        return Decode(latent);
    }

    /// <summary>
    /// The forward pass used while training. The default encodes and decodes; a variational network
    /// samples its code with <paramref name="generator"/> and adds its KL divergence as a penalty.
    /// </summary>
    public virtual ForwardPass TrainingForward(Tensor input, Generator generator)
    {
        var latent = Encode(input);
        return new ForwardPass(latent, Decode(latent));
    }

    /// <summary>
    /// Re-draws every weight and bias of the linear and convolutional layers from PyTorch's default
    /// distribution, U(-1/sqrt(fan_in), 1/sqrt(fan_in)), using <paramref name="generator"/>, so that a
    /// seed fixes the initial network without touching TorchSharp's global random state.
    /// </summary>
    public virtual void ResetParameters(Generator generator) => ParameterInitialization.Reset(this, generator);
}
