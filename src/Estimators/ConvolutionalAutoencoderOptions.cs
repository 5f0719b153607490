using MLNet.Autoencoders.Transforms;
using MLNet.Autoencoders.Transforms.Networks;

namespace MLNet.Autoencoders.Estimators;

/// <summary>
/// Options for <see cref="ConvolutionalAutoencoderEstimator"/>: the columns, the image shape, the convolutional
/// network's blocks and how it is trained. Differs from the shared defaults in four places:
/// <see cref="AutoencoderTrainingOptions.LatentDimension"/> is 16, <see cref="AutoencoderTrainingOptions.Epochs"/> is 20,
/// <see cref="AutoencoderTrainingOptions.LearningRate"/> is 0.002 and <see cref="AutoencoderTrainingOptions.Scaling"/> is
/// <see cref="InputScaling.GlobalMinMax"/>: one offset and one factor for the whole image, so that pixels in any units reach
/// [0, 1] and a pixel that barely varied in training (an image border) is not blown up when it does vary at scoring, as
/// per-pixel <see cref="InputScaling.MinMax"/> would; <see cref="AutoencoderTrainingOptions.NoiseLevel"/> is then a fraction
/// of the pixel range.
/// </summary>
public sealed class ConvolutionalAutoencoderOptions : ConvolutionalNetworkOptions
{
    /// <summary>
    /// A column to reconstruct instead of the input: the network is trained to map <see cref="AutoencoderTrainingOptions.InputColumnName"/>
    /// to this column (paired targets: a small image to a large one, a grey image to a colour one, a noisy recording to its clean
    /// pair). It must be a known-size vector of <see cref="float"/> without NaN or infinities; its size may differ from the input's.
    /// Its scaling (<see cref="AutoencoderTrainingOptions.Scaling"/>) is learned separately and stored in the model. The
    /// reconstruction column then holds the prediction in the target's units, and the reconstruction error compares it with this
    /// column when the scored data has it (NaN when it does not). Default is <see langword="null"/>: reconstruct the input.
    /// Not combined with <see cref="AutoencoderTrainingOptions.TreatNaNAsMissing"/>, and trained in memory only.
    /// </summary>
    public string? TargetColumnName { get; set; }

    /// <inheritdoc/>
    internal override string? PairedTargetColumnName => TargetColumnName;

    /// <summary>
    /// The shape of the images in <see cref="TargetColumnName"/> (channels, height, width), e.g. (3, 28, 28) to colour 1x28x28
    /// grey images or (1, 28, 28) to upscale 1x14x14 ones. Default is <see langword="null"/>: the target column's own dimensions
    /// (as <c>ExtractPixels</c> records them). Its height and width must be divisible by 2 to the number of <see cref="ConvolutionalNetworkOptions.Channels"/>
    /// blocks, like the input's: the decoder starts from feature maps of the target's size divided by that factor.
    /// </summary>
    public ImageShape? TargetImageShape { get; set; }
}
