using MLNet.Autoencoders.Estimators.Training;
using MLNet.Autoencoders.Transforms;
using MLNet.Autoencoders.Transforms.Networks;

namespace MLNet.Autoencoders.Tests.Training;

[TestClass]
public sealed class ParameterMemoryTests
{
    private static IEnumerable<object[]> Architectures() =>
    [
        [new DenseArchitecture(10, [7, 5], 3, [4], Activation.Relu)],
        [new DenseArchitecture(10, [], 3, [], Activation.Relu)],
        [new VariationalArchitecture(10, [7, 5], 3, [6], Activation.Relu, OutputActivation.Identity)],
        [new VariationalArchitecture(10, [], 3, [], Activation.Relu, OutputActivation.Identity)],
        [Convolutional(ConvolutionalDownsampling.StridedConvolution, ConvolutionalUpsampling.TransposedConvolution)],
        [Convolutional(ConvolutionalDownsampling.MaxPooling, ConvolutionalUpsampling.NearestNeighbor)],
        [new ConvolutionalVariationalArchitecture(Convolutional(ConvolutionalDownsampling.StridedConvolution, ConvolutionalUpsampling.TransposedConvolution))],
    ];

    [TestMethod]
    [DynamicData(nameof(Architectures))]
    public void Count_EqualsTheBuiltNetworksParameterCount(NetworkArchitecture architecture)
    {
        using var network = architecture.CreateNetwork();

        Assert.AreEqual(network.ParameterCount, (long)ParameterMemory.Count(architecture), architecture.ToString());
    }

    [TestMethod]
    public void EnsureFits_MoreThanAvailable_ThrowsWithCountBytesAndWhatFits()
    {
        // 10-7-5-3-4-10: 77 + 40 + 18 + 16 + 50 = 201 parameters, 16 bytes each while training, 4 more for each of 2 kept networks.
        var architecture = new DenseArchitecture(10, [7, 5], 3, [4], Activation.Relu);

        ParameterMemory.EnsureFits(architecture, networks: 3, "HiddenLayers", availableBytes: 201 * 24);
        var exception = Assert.ThrowsExactly<InsufficientMemoryException>(
            () => ParameterMemory.EnsureFits(architecture, networks: 3, "HiddenLayers", availableBytes: 201 * 24 - 1));

        Assert.Contains("would have 201 parameters", exception.Message);
        Assert.Contains("and 2 trained networks of 4 bytes per parameter", exception.Message);
        Assert.Contains("about 200 parameters fit. Make HiddenLayers smaller.", exception.Message);
    }

    private static ConvolutionalArchitecture Convolutional(ConvolutionalDownsampling downsampling, ConvolutionalUpsampling upsampling) =>
        new(new ImageShape(3, 8, 8), [4, 6], 5, downsampling, upsampling, Activation.Relu, OutputActivation.Identity);
}
