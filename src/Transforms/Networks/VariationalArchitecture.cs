namespace MLNet.Autoencoders.Transforms.Networks;

/// <summary>
/// The shape of a dense variational autoencoder: input size, the encoder's hidden layer sizes, the latent
/// size (the encoder ends in two heads of this size, the posterior mean and log-variance) and the decoder's
/// hidden layer sizes.
/// </summary>
/// <param name="InputSize">The number of input features.</param>
/// <param name="EncoderLayers">Hidden layer sizes from the input towards the latent heads.</param>
/// <param name="LatentDimension">The size of the latent code (of each head).</param>
/// <param name="DecoderLayers">Hidden layer sizes from the latent layer towards the output.</param>
/// <param name="Activation">The nonlinearity after every hidden layer.</param>
/// <param name="OutputActivation">The function on the decoder's last layer.</param>
public sealed record VariationalArchitecture(
    int InputSize,
    IReadOnlyList<int> EncoderLayers,
    int LatentDimension,
    IReadOnlyList<int> DecoderLayers,
    Activation Activation,
    OutputActivation OutputActivation = OutputActivation.Identity) : NetworkArchitecture(InputSize, LatentDimension)
{
    internal const byte FormatTag = 3;

    /// <inheritdoc/>
    private protected override byte Tag => FormatTag;

    /// <inheritdoc/>
    public override bool IsVariational => true;

    /// <inheritdoc/>
    public override AutoencoderNetwork CreateNetwork() => new VariationalAutoencoderNetwork(this);

    /// <inheritdoc/>
    public override string ToString() => "variational " + AsDense();

    private protected override void WriteBody(BinaryWriter writer) => AsDense().WriteFields(writer);

    internal static VariationalArchitecture ReadBody(BinaryReader reader)
    {
        var dense = DenseArchitecture.ReadFields(reader);
        return new VariationalArchitecture(dense.InputSize, dense.EncoderLayers, dense.LatentDimension, dense.DecoderLayers,
            dense.Activation, dense.OutputActivation);
    }

    /// <summary>The same layers as a plain dense autoencoder: the variational network adds its log-variance head to them.</summary>
    private DenseArchitecture AsDense() => new(InputSize, EncoderLayers, LatentDimension, DecoderLayers, Activation, OutputActivation);
}
