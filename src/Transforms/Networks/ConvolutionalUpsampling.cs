namespace MLNet.Autoencoders.Transforms.Networks;

/// <summary>How each decoder block of a convolutional autoencoder doubles the image's height and width.</summary>
public enum ConvolutionalUpsampling
{
    /// <summary>A 3x3 transposed convolution with stride 2 (learned upsampling), then the activation.</summary>
    TransposedConvolution = 0,

    /// <summary>Nearest-neighbour upsampling by 2, a 3x3 convolution, then the activation: avoids the checkerboard patterns transposed convolutions can leave.</summary>
    NearestNeighbor = 1,
}
