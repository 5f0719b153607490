namespace MLNet.Autoencoders.Estimators;

/// <summary>
/// Options for <see cref="ConvolutionalVariationalAutoencoderEstimator"/>: every option of the convolutional autoencoder (the
/// columns, the image shape, the blocks, training; with its defaults, <see cref="ConvolutionalAutoencoderDefaults"/>), plus the
/// weight of the KL term and the column for the posterior log-variances, as in <see cref="VariationalAutoencoderOptions"/>.
/// </summary>
public sealed class ConvolutionalVariationalAutoencoderOptions : ConvolutionalNetworkOptions
{
    /// <summary>
    /// The weight beta of the KL term: the loss is <c>reconstruction + Beta * kl</c>, exactly as for the dense
    /// <see cref="VariationalAutoencoderEstimator"/>. Default is 1, the standard evidence lower bound; larger values give a
    /// smoother latent space closer to N(0, I) and blurrier reconstructions (beta-VAE); 0 leaves an autoencoder with noisy codes.
    /// </summary>
    public float Beta { get; set; } = AutoencoderDefaults.Beta;

    /// <summary>The output column for the posterior log-variance of each latent dimension. Default is "LatentLogVariance".</summary>
    public string LatentLogVarianceColumnName { get; set; } = AutoencoderDefaults.LatentLogVarianceColumnName;
}
