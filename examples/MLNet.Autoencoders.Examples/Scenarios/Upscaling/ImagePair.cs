using Microsoft.ML.Data;

namespace MLNet.Autoencoders.Examples.Scenarios.Upscaling;

/// <summary>A training or test pair: a 14x14 image and the 28x28 image it was shrunk from, planar grey pixels in [0, 1].</summary>
internal sealed class ImagePair
{
    [VectorType(1, Resampling.SmallSide, Resampling.SmallSide)]
    public float[] Small { get; set; } = [];

    [VectorType(1, Resampling.LargeSide, Resampling.LargeSide)]
    public float[] Large { get; set; } = [];
}
