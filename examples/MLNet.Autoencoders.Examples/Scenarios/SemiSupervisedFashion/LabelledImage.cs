using Microsoft.ML.Data;
using MLNet.Autoencoders.Examples.Scenarios.FashionMnist;

namespace MLNet.Autoencoders.Examples.Scenarios.SemiSupervisedFashion;

/// <summary>A Fashion-MNIST image as the semi-supervised scenario loads it: pixels in [0, 1] and its class name, or "" when its label was removed.</summary>
internal sealed class LabelledImage
{
    [VectorType(FashionImages.PixelCount)]
    public float[] Features { get; set; } = [];

    /// <summary>The class name; empty for an unlabelled image (MapValueToKey turns it into the missing key 0).</summary>
    public string Class { get; set; } = "";
}
