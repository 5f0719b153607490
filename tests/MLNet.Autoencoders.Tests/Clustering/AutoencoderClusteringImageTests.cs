using Microsoft.ML;
using Microsoft.ML.Data;
using MLNet.Autoencoders.Examples.Shared;
using MLNet.Autoencoders.Transforms.Networks;

namespace MLNet.Autoencoders.Tests.Clustering;

/// <summary>With an image shape, the clustering trainer pre-trains a convolutional autoencoder.</summary>
[TestClass]
public sealed class AutoencoderClusteringImageTests
{
    [TestMethod]
    public void Fit_WithImageShape_TrainsAConvolutionalNetworkAndClustersTheImages()
    {
        var ml = new MLContext(seed: 1);
        var images = Images(perClass: 40);
        var data = ml.Data.LoadFromEnumerable(images);
        var options = ClusteringTestOptions.Small(clusters: 2);
        options.ImageShape = new ImageShape(1, 8, 8);
        options.Channels = [4];
        using var model = ml.Clustering.Trainers.Autoencoder(options).Fit(data);

        Assert.IsInstanceOfType<ConvolutionalArchitecture>(model.Architecture);
        uint[] clusters = [.. model.Transform(data).GetColumn<uint>("PredictedLabel")];
        Assert.IsGreaterThan(0.8, ClusterMetrics.NormalizedMutualInformation(images.Select(i => i.Label).ToArray(), clusters));
    }

    [TestMethod]
    public void Fit_ImageShapeOfAnotherSize_ThrowsWithBothSizes()
    {
        var ml = new MLContext(seed: 1);
        var options = ClusteringTestOptions.Small(clusters: 2);
        options.ImageShape = new ImageShape(1, 4, 4);
        var exception = Assert.Throws<ArgumentOutOfRangeException>(
            () => ml.Clustering.Trainers.Autoencoder(options).Fit(ml.Data.LoadFromEnumerable(Images(perClass: 5))));
        Assert.Contains("ImageShape 1x4x4 needs vectors of 16 values", exception.Message);
        Assert.Contains("the column holds 64", exception.Message);
    }

    /// <summary>8x8 images of two kinds, a bright left half or a bright top half, with noise.</summary>
    private static List<ImageRow> Images(int perClass)
    {
        var random = new Random(3);
        var rows = new List<ImageRow>();
        for (int i = 0; i < 2 * perClass; i++)
        {
            int kind = i % 2;
            var pixels = new float[64];
            for (int p = 0; p < 64; p++)
            {
                bool bright = kind == 0 ? p % 8 < 4 : p / 8 < 4;
                pixels[p] = (bright ? 0.8f : 0.1f) + 0.1f * random.NextSingle();
            }
            rows.Add(new ImageRow { Label = kind, Features = pixels });
        }
        return rows;
    }

    private sealed class ImageRow
    {
        public int Label { get; set; }

        [VectorType(64)]
        public float[] Features { get; set; } = [];
    }
}
