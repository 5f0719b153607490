using Microsoft.ML;
using Microsoft.ML.Data;
using MLNet.Autoencoders.Estimators;
using MLNet.Autoencoders.Transforms;
using MLNet.Autoencoders.Transforms.Networks;

namespace MLNet.Autoencoders.Tests.Estimators;

/// <summary>
/// The sequence that ended in "training loss became NaN in epoch 1" on the first convolutional fit of a process:
/// libtorch's convolution backward pass gave a wrong, sometimes NaN, input gradient for the 1-channel output layer.
/// </summary>
[TestClass]
public sealed class ConvolutionalFirstFitTests
{
    private sealed class Image
    {
        [VectorType(784)]
        public float[] Pixels { get; set; } = [];
    }

    [TestMethod]
    [DataRow(100)]
    [DataRow(256)]
    [DataRow(512)]
    [DataRow(600)]
    public void Fit_MaxPoolingAndNearestNeighbour_TrainsFiniteAndRepeatsExactly(int rows)
    {
        var random = new Random(5);
        var images = Enumerable.Range(0, rows)
            .Select(_ => new Image { Pixels = Enumerable.Range(0, 784).Select(_ => (float)random.NextDouble()).ToArray() }).ToArray();
        var ml = new MLContext(seed: 1);
        var data = ml.Data.LoadFromEnumerable(images);

        var (first, firstReconstruction) = Fit(ml, data);
        var (second, secondReconstruction) = Fit(ml, data);

        Assert.IsTrue(double.IsFinite(first), $"training loss {first}");
        Assert.IsTrue(firstReconstruction.All(float.IsFinite), "the fitted network reconstructs every pixel as a finite value");
        Assert.AreEqual(first, second, "a second identical fit in the same process gives the same loss");
        CollectionAssert.AreEqual(firstReconstruction, secondReconstruction);
    }

    private static (double Loss, float[] Reconstruction) Fit(MLContext ml, IDataView data)
    {
        using var model = ml.Transforms.ConvolutionalAutoencoder(new ConvolutionalAutoencoderOptions
        {
            InputColumnName = "Pixels", ImageShape = new ImageShape(1, 28, 28), Channels = [32, 64], LatentDimension = 32,
            Downsampling = ConvolutionalDownsampling.MaxPooling, Upsampling = ConvolutionalUpsampling.NearestNeighbor,
            OutputActivation = OutputActivation.Sigmoid, Epochs = 1, BatchSize = 256, ValidationFraction = 0, Seed = 1,
        }).Fit(data);
        var reconstruction = model.Transform(data).GetColumn<VBuffer<float>>("Reconstruction").First().DenseValues().ToArray();
        return (model.LossHistory[0].TrainingLoss, reconstruction);
    }
}
