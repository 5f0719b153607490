using MLNet.Autoencoders.Transforms;
using MLNet.Autoencoders.Transforms.Networks;

namespace MLNet.Autoencoders.Estimators;

/// <summary>
/// The options every convolutional autoencoder shares, on top of <see cref="AutoencoderTrainingOptions"/>: the image shape and
/// the network's blocks. See <see cref="ConvolutionalAutoencoderOptions"/> and <see cref="ConvolutionalVariationalAutoencoderOptions"/>,
/// which differ from the shared defaults in four places: <see cref="AutoencoderTrainingOptions.LatentDimension"/> is 16,
/// <see cref="AutoencoderTrainingOptions.Epochs"/> is 20, <see cref="AutoencoderTrainingOptions.LearningRate"/> is 0.002 and
/// <see cref="AutoencoderTrainingOptions.Scaling"/> is <see cref="InputScaling.GlobalMinMax"/>.
/// </summary>
public abstract class ConvolutionalNetworkOptions : AutoencoderTrainingOptions
{
    /// <summary>Creates options with the convolutional autoencoder's defaults (<see cref="ConvolutionalAutoencoderDefaults"/>).</summary>
    private protected ConvolutionalNetworkOptions()
    {
        LatentDimension = ConvolutionalAutoencoderDefaults.LatentDimension;
        Epochs = ConvolutionalAutoencoderDefaults.Epochs;
        LearningRate = ConvolutionalAutoencoderDefaults.LearningRate;
        Scaling = ConvolutionalAutoencoderDefaults.Scaling;
    }

    /// <summary>
    /// The channels, height and width of the images in the input vector, which must be planar (channel by channel).
    /// Default is <see langword="null"/>: read from the input column's vector dimensions, which
    /// <c>ExtractPixels</c> sets to (channels, height, width). Set it for a plain vector column.
    /// </summary>
    public ImageShape? ImageShape { get; set; }

    /// <summary>
    /// The channel count of each encoder block, from the input towards the latent code; each block halves the height
    /// and width, so they must be divisible by 2 to the number of blocks. The decoder mirrors the blocks.
    /// Default is [16, 32].
    /// </summary>
    public int[] Channels { get; set; } = ConvolutionalAutoencoderDefaults.Channels;

    /// <summary>How encoder blocks halve the height and width. Default is <see cref="ConvolutionalDownsampling.StridedConvolution"/>.</summary>
    public ConvolutionalDownsampling Downsampling { get; set; } = ConvolutionalAutoencoderDefaults.Downsampling;

    /// <summary>How decoder blocks double the height and width. Default is <see cref="ConvolutionalUpsampling.TransposedConvolution"/>.</summary>
    public ConvolutionalUpsampling Upsampling { get; set; } = ConvolutionalAutoencoderDefaults.Upsampling;

    /// <summary>The nonlinearity after every block but the decoder's last, and after the decoder's linear layer. Default is <see cref="Activation.Relu"/>.</summary>
    public Activation Activation { get; set; } = ConvolutionalAutoencoderDefaults.Activation;

    /// <summary>
    /// The function on the decoder's last layer. Default is <see cref="OutputActivation.Identity"/>: a linear output,
    /// which learned as well or better in our measurements, while a sigmoid trained with mean squared error can saturate
    /// at black on mostly-black images and stop learning. <see cref="OutputActivation.Sigmoid"/> keeps (scaled)
    /// reconstructions in [0, 1]; it needs inputs in [0, 1] with <see cref="AutoencoderTrainingOptions.Scaling"/>
    /// <see cref="InputScaling.GlobalMinMax"/> (the default) or <see cref="InputScaling.None"/> (e.g. <c>ExtractPixels(scaleImage: 1f / 255)</c>).
    /// </summary>
    public OutputActivation OutputActivation { get; set; } = ConvolutionalAutoencoderDefaults.OutputActivation;

    /// <inheritdoc/>
    internal override AutoencoderTrainingOptions Snapshot()
    {
        var copy = (ConvolutionalNetworkOptions)base.Snapshot();
        copy.Channels = Channels?.ToArray()!;
        return copy;
    }
}
