namespace MLNet.Autoencoders.Transforms.Networks;

/// <summary>How each encoder block of a convolutional autoencoder halves the image's height and width.</summary>
public enum ConvolutionalDownsampling
{
    /// <summary>A 3x3 convolution (stride 1), the activation, then 2x2 max pooling.</summary>
    MaxPooling = 0,

    /// <summary>A 3x3 convolution with stride 2, then the activation: a quarter of the compute of <see cref="MaxPooling"/>.</summary>
    StridedConvolution = 1,
}
