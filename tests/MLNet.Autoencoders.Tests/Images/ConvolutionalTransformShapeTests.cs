using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLNet.Autoencoders.Tests.Images;

/// <summary>At transform time a convolutional model checks the image dimensions a column declares, not only its length.</summary>
[TestClass]
public sealed class ConvolutionalTransformShapeTests
{
    [TestMethod]
    [DataRow(1, 4, 16)]
    [DataRow(4, 4, 4)]
    public void Transform_SameLengthOtherImageShape_ThrowsWithExpectedAndActualShape(int channels, int height, int width)
    {
        var ml = new MLContext(seed: 1);
        var rows = SyntheticImages.Rows(16, size: 8);
        using var model = ml.Transforms.ConvolutionalAutoencoder(ImageTestOptions.Small(epochs: 1)).Fit(SyntheticImages.Load(ml, rows, size: 8));
        var reshaped = SyntheticImages.LoadAs(ml, rows, new VectorDataViewType(NumberDataViewType.Single, channels, height, width));

        var exception = Assert.Throws<ArgumentOutOfRangeException>(() => model.Transform(reshaped));

        Assert.Contains($"Schema mismatch for input column 'Pixels': expected an image of 1x8x8 (channels x height x width), got one of {channels}x{height}x{width}", exception.Message);
    }

    [TestMethod]
    public void Transform_FlatColumnOfTheRightLength_IsAccepted()
    {
        var ml = new MLContext(seed: 1);
        var rows = SyntheticImages.Rows(16, size: 8);
        using var model = ml.Transforms.ConvolutionalAutoencoder(ImageTestOptions.Small(epochs: 1)).Fit(SyntheticImages.Load(ml, rows, size: 8));

        var scored = model.Transform(SyntheticImages.Load(ml, rows, size: 8, withDimensions: false));

        Assert.HasCount(16, scored.GetColumn<float>("ReconstructionError").ToArray());
    }
}
