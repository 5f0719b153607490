namespace MLNet.Autoencoders.Transforms.Networks;

/// <summary>
/// The shape of a convolutional variational autoencoder: the blocks, image shape and activations of
/// <paramref name="Convolution"/>, whose encoder ends in two linear heads of <see cref="NetworkArchitecture.LatentDimension"/>
/// units (the posterior mean and log-variance) instead of one, and whose decoder is unchanged.
/// </summary>
/// <param name="Convolution">The convolutional network's shape; its latent dimension is the size of each head.</param>
public sealed record ConvolutionalVariationalArchitecture(ConvolutionalArchitecture Convolution)
    : NetworkArchitecture(Convolution.InputSize, Convolution.LatentDimension)
{
    internal const byte FormatTag = 4;

    /// <inheritdoc/>
    private protected override byte Tag => FormatTag;

    /// <inheritdoc/>
    public override bool IsVariational => true;

    /// <inheritdoc/>
    public override AutoencoderNetwork CreateNetwork() => new ConvolutionalVariationalAutoencoderNetwork(this);

    /// <inheritdoc/>
    internal override string? InputShapeProblem(Microsoft.ML.Data.VectorDataViewType type) => Convolution.InputShapeProblem(type);

    /// <summary>The architecture as "variational " and the convolutional network's description.</summary>
    public override string ToString() => "variational " + Convolution;

    private protected override void WriteBody(BinaryWriter writer) => Convolution.WriteFields(writer);

    internal static ConvolutionalVariationalArchitecture ReadBody(BinaryReader reader) => new(ConvolutionalArchitecture.ReadBody(reader));
}
