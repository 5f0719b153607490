using MLNet.Autoencoders.Transforms;

namespace MLNet.Autoencoders.Estimators;

/// <summary>
/// Options for <see cref="VariationalAutoencoderEstimator"/>: the columns, the dense network's shape, the weight of
/// the KL term and how the network is trained.
/// </summary>
public sealed class VariationalAutoencoderOptions : AutoencoderTrainingOptions
{
    /// <summary>
    /// The encoder's hidden layer sizes, from the input towards the latent mean and log-variance heads. Default is
    /// <see langword="null"/>: one hidden layer of max(16, 2 x latent, sqrt(input x latent)) units, at most 512.
    /// An empty array means no hidden layer.
    /// </summary>
    public int[]? HiddenLayers { get; set; }

    /// <summary>The decoder's hidden layer sizes, from the latent layer outwards. Default is <see langword="null"/>: the encoder's, mirrored.</summary>
    public int[]? DecoderHiddenLayers { get; set; }

    /// <summary>The nonlinearity after every hidden layer. Default is <see cref="Activation.Relu"/>.</summary>
    public Activation Activation { get; set; } = AutoencoderDefaults.Activation;

    /// <summary>
    /// The function on the decoder's last layer. Default is <see cref="OutputActivation.Identity"/> (a linear output, right
    /// for standardized inputs). <see cref="OutputActivation.Sigmoid"/> keeps reconstructions and generated rows in (0, 1)
    /// of the scaled space: use it with <see cref="InputScaling.GlobalMinMax"/> for pixel data.
    /// </summary>
    public OutputActivation OutputActivation { get; set; } = AutoencoderDefaults.OutputActivation;

    /// <summary>
    /// The weight beta of the KL term: the loss is <c>reconstruction + Beta * kl</c> (see <see cref="VariationalAutoencoderEstimator"/>
    /// for the exact terms). Default is 1, the standard evidence lower bound; larger values give a smoother latent space
    /// closer to N(0, I) and blurrier reconstructions (beta-VAE), smaller values the reverse; 0 leaves a plain
    /// autoencoder with noisy codes.
    /// </summary>
    public float Beta { get; set; } = AutoencoderDefaults.Beta;

    /// <summary>The output column for the posterior log-variance of each latent dimension. Default is "LatentLogVariance".</summary>
    public string LatentLogVarianceColumnName { get; set; } = AutoencoderDefaults.LatentLogVarianceColumnName;

    /// <inheritdoc/>
    internal override AutoencoderTrainingOptions Snapshot()
    {
        var copy = (VariationalAutoencoderOptions)base.Snapshot();
        copy.HiddenLayers = HiddenLayers?.ToArray();
        copy.DecoderHiddenLayers = DecoderHiddenLayers?.ToArray();
        return copy;
    }
}
