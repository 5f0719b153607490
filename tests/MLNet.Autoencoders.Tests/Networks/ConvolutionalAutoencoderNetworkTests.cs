using MLNet.Autoencoders.Transforms;
using MLNet.Autoencoders.Transforms.Networks;
using static TorchSharp.torch;

namespace MLNet.Autoencoders.Tests.Networks;

[TestClass]
public sealed class ConvolutionalAutoencoderNetworkTests
{
    private static ConvolutionalArchitecture Architecture(ImageShape image, int[] channels, int latent,
        ConvolutionalDownsampling down = ConvolutionalDownsampling.MaxPooling,
        ConvolutionalUpsampling up = ConvolutionalUpsampling.TransposedConvolution, OutputActivation output = OutputActivation.Sigmoid) =>
        new(image, channels, latent, down, up, Activation.Relu, output);

    [TestMethod]
    [DataRow(ConvolutionalDownsampling.MaxPooling, ConvolutionalUpsampling.TransposedConvolution)]
    [DataRow(ConvolutionalDownsampling.StridedConvolution, ConvolutionalUpsampling.TransposedConvolution)]
    [DataRow(ConvolutionalDownsampling.MaxPooling, ConvolutionalUpsampling.NearestNeighbor)]
    [DataRow(ConvolutionalDownsampling.StridedConvolution, ConvolutionalUpsampling.NearestNeighbor)]
    public void EncodeDecode_FlatBatch_GivesLatentAndFlatImageShapes(ConvolutionalDownsampling down, ConvolutionalUpsampling up)
    {
        var image = new ImageShape(3, 8, 12);
        using var network = new ConvolutionalAutoencoderNetwork(Architecture(image, [4, 6], latent: 5, down, up));
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();

        var input = rand(7, image.Size);
        var latent = network.Encode(input);
        var output = network.Decode(latent);

        CollectionAssert.AreEqual(new long[] { 7, 5 }, latent.shape);
        CollectionAssert.AreEqual(new long[] { 7, 3 * 8 * 12 }, output.shape);
        CollectionAssert.AreEqual(new long[] { 7, 3 * 8 * 12 }, network.forward(input).shape);
    }

    [TestMethod]
    [DataRow(ConvolutionalDownsampling.MaxPooling, ConvolutionalUpsampling.TransposedConvolution)]
    [DataRow(ConvolutionalDownsampling.StridedConvolution, ConvolutionalUpsampling.NearestNeighbor)]
    public void ParameterCount_MatchesTheLayersByHand(ConvolutionalDownsampling down, ConvolutionalUpsampling up)
    {
        using var network = new ConvolutionalAutoencoderNetwork(Architecture(new ImageShape(1, 16, 16), [4, 8], latent: 6, down, up));

        long expected =
            (1 * 4 * 9 + 4) + (4 * 8 * 9 + 8)     // encoder convolutions 1->4->8, 3x3
            + (8 * 4 * 4 * 6 + 6)                 // 8 maps of 4x4 -> latent 6
            + (6 * 8 * 4 * 4 + 8 * 4 * 4)         // latent 6 -> 8 maps of 4x4
            + (8 * 4 * 9 + 4) + (4 * 1 * 9 + 1);  // decoder blocks 8->4->1, 3x3
        Assert.AreEqual(expected, network.ParameterCount);
    }

    [TestMethod]
    public void ParameterCount_On64x64Images_IsAFewPercentOfADenseAutoencoders()
    {
        // The lecture's comparison: a dense 4096-128-16 autoencoder against four convolutional blocks.
        using var dense = new DenseArchitecture(64 * 64, [128], 16, [128], Activation.Relu).CreateNetwork();
        using var convolutional = Architecture(new ImageShape(1, 64, 64), [8, 16, 16, 16], latent: 16).CreateNetwork();

        Assert.IsGreaterThan(1_000_000L, dense.ParameterCount);
        Assert.IsLessThan(30_000L, convolutional.ParameterCount);
    }

    [TestMethod]
    public void Decode_WithSigmoidOutput_StaysInUnitInterval()
    {
        using var network = new ConvolutionalAutoencoderNetwork(Architecture(new ImageShape(1, 8, 8), [4], latent: 3));
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();

        var output = network.Decode(randn(50, 3) * 100);

        Assert.IsGreaterThanOrEqualTo(0f, output.min().item<float>());
        Assert.IsLessThanOrEqualTo(1f, output.max().item<float>());
    }

    [TestMethod]
    public void Constructor_HeightNotDivisibleByDownsampling_ThrowsNamingTheShape()
    {
        var exception = Assert.Throws<ArgumentException>(() => new ConvolutionalAutoencoderNetwork(Architecture(new ImageShape(1, 28, 28), [4, 8, 8], latent: 3)));

        Assert.Contains("1x28x28", exception.Message);
        Assert.Contains("divisible by 8", exception.Message);
    }

    [TestMethod]
    public void ArchitectureWriteRead_RoundTripsEveryField()
    {
        var original = Architecture(new ImageShape(3, 16, 8), [5, 7], latent: 9, ConvolutionalDownsampling.StridedConvolution, ConvolutionalUpsampling.NearestNeighbor, output: OutputActivation.Identity);
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true))
            original.Write(writer);
        stream.Position = 0;

        var read = (ConvolutionalArchitecture)NetworkArchitecture.Read(new BinaryReader(stream));

        Assert.AreEqual(original.ToString(), read.ToString());
        Assert.AreEqual(original.Image, read.Image);
        CollectionAssert.AreEqual(original.Channels.ToArray(), read.Channels.ToArray());
        Assert.AreEqual((original.LatentDimension, original.Downsampling, original.Upsampling, original.Activation, original.OutputActivation),
            (read.LatentDimension, read.Downsampling, read.Upsampling, read.Activation, read.OutputActivation));
        Assert.AreEqual(stream.Length, stream.Position);
    }
}
