using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace MLNet.Autoencoders.Transforms.Networks;

/// <summary>
/// A dense variational autoencoder (Kingma and Welling, 2014): an encoder stack of linear layers, each
/// followed by the activation, ending in two linear heads for the mean and the log-variance of a diagonal
/// Gaussian posterior q(z | x); and a decoder stack from the latent code back to a linear output layer (optionally
/// followed by a sigmoid).
/// </summary>
/// <remarks>
/// <para>
/// Training samples the code with the reparameterization trick, z = mean + exp(logvar / 2) * eps with
/// eps ~ N(0, I) drawn from the trainer's seeded generator, and reports the penalty <see cref="KLPenalty"/>:
/// </para>
/// <para><c>KL(q(z | x) || N(0, I)) = -1/2 * sum over latent dims of (1 + logvar - mean^2 - exp(logvar))</c>,</para>
/// <para>
/// averaged over the batch and divided by the number of input features, so that it is on the scale of the
/// trainer's reconstruction term, a mean over batch and features (see <see cref="KLDivergence"/>).
/// </para>
/// <para><see cref="Encode"/> returns the mean, so scoring is deterministic.</para>
/// </remarks>
public sealed class VariationalAutoencoderNetwork : AutoencoderNetwork, IVariationalNetwork
{
    /// <summary>The name of the KL penalty in <see cref="ForwardPass.Penalties"/> and in each epoch's training terms: "kl".</summary>
    public const string KLPenalty = "kl";

    private readonly Sequential? trunk;
    private readonly Linear mean;
    private readonly Linear logVariance;
    private readonly Sequential decoder;
    private readonly VariationalArchitecture architecture;

    /// <summary>Builds the network with PyTorch's default initialisation.</summary>
    /// <param name="architecture">The layer sizes and activation.</param>
    public VariationalAutoencoderNetwork(VariationalArchitecture architecture)
        : base(nameof(VariationalAutoencoderNetwork))
    {
        this.architecture = architecture;
        int previous = architecture.InputSize;
        if (architecture.EncoderLayers.Count > 0)
        {
            var layers = new List<(string, Module<Tensor, Tensor>)>();
            for (int i = 0; i < architecture.EncoderLayers.Count; i++)
            {
                layers.Add(($"linear{i}", Linear(previous, architecture.EncoderLayers[i])));
                layers.Add(($"activation{i}", LayerStacks.Create(architecture.Activation)));
                previous = architecture.EncoderLayers[i];
            }
            trunk = Sequential(layers);
        }
        mean = Linear(previous, architecture.LatentDimension);
        logVariance = Linear(previous, architecture.LatentDimension);
        decoder = LayerStacks.Dense(architecture.LatentDimension, architecture.DecoderLayers, architecture.InputSize, architecture.Activation,
            architecture.OutputActivation);
        RegisterComponents();
    }

    /// <inheritdoc/>
    public override NetworkArchitecture Architecture => architecture;

    /// <summary>The posterior mean of a batch of (scaled) inputs: the deterministic code used for scoring.</summary>
    public override Tensor Encode(Tensor input)
    {
        if (trunk is null)
            return mean.forward(input);
        using var hidden = trunk.forward(input);
        return mean.forward(hidden);
    }

    /// <summary>The posterior mean and log-variance of a batch of (scaled) inputs, each of shape [batch, latent].</summary>
    public (Tensor Mean, Tensor LogVariance) EncodeDistribution(Tensor input)
    {
        if (trunk is null)
            return (mean.forward(input), logVariance.forward(input));
        using var hidden = trunk.forward(input);
        return (mean.forward(hidden), logVariance.forward(hidden));
    }

    /// <inheritdoc/>
    public override Tensor Decode(Tensor latent) => decoder.forward(latent);

    /// <summary>
    /// Samples each row's code from its posterior with <paramref name="generator"/> and decodes it; the pass
    /// carries the penalty <see cref="KLPenalty"/>: the batch mean of <see cref="KLDivergence"/> divided by the input size.
    /// </summary>
    public override ForwardPass TrainingForward(Tensor input, Generator generator)
    {
        var (posteriorMean, posteriorLogVariance) = EncodeDistribution(input);
        return VariationalForwardPass.Create(posteriorMean, posteriorLogVariance, architecture.InputSize, generator, Decode);
    }

    /// <summary>
    /// KL(N(mean, exp(logvar)) || N(0, I)) of each row, summed over the latent dimensions:
    /// -1/2 * sum(1 + logvar - mean^2 - exp(logvar)). Shape [batch].
    /// </summary>
    public static Tensor KLDivergence(Tensor mean, Tensor logVariance) =>
        logVariance.add(NativeScalars.One, NativeScalars.One).sub(mean.mul(mean)).sub(logVariance.exp()).sum(1).mul(NativeScalars.MinusHalf);

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            trunk?.Dispose();
            mean.Dispose();
            logVariance.Dispose();
            decoder.Dispose();
        }
        base.Dispose(disposing);
    }
}
