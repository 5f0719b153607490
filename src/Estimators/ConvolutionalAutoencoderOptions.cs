using MLNet.Autoencoders.Transforms;

namespace MLNet.Autoencoders.Estimators;

/// <summary>
/// Options for <see cref="ConvolutionalAutoencoderEstimator"/>: the columns, the image shape, the convolutional
/// network's blocks and how it is trained. Differs from the shared defaults in four places:
/// <see cref="AutoencoderTrainingOptions.LatentDimension"/> is 16, <see cref="AutoencoderTrainingOptions.Epochs"/> is 20,
/// <see cref="AutoencoderTrainingOptions.LearningRate"/> is 0.002 and <see cref="AutoencoderTrainingOptions.Scaling"/> is
/// <see cref="InputScaling.MinMax"/>. Min-max scaling works per pixel, so a pixel that barely varies in training (an image
/// border) is blown up when it does vary at scoring: with few training images and noisy inputs, set
/// <see cref="AutoencoderTrainingOptions.Scaling"/> to <see cref="InputScaling.None"/> and feed pixels in [0, 1]
/// (<c>ExtractPixels(scaleImage: 1f / 255)</c>); <see cref="AutoencoderTrainingOptions.NoiseLevel"/> is then a fraction of the pixel range.
/// </summary>
public sealed class ConvolutionalAutoencoderOptions : ConvolutionalNetworkOptions
{
}
