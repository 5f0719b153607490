using MLNet.Autoencoders.Transforms;

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
}
