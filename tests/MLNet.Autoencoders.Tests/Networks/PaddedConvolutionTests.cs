using MLNet.Autoencoders.Transforms.Networks;
using static TorchSharp.torch;

namespace MLNet.Autoencoders.Tests.Networks;

[TestClass]
public sealed class PaddedConvolutionTests
{
    [TestMethod]
    [DataRow(32, 1, 1)]
    [DataRow(32, 3, 1)]
    [DataRow(32, 8, 2)]
    [DataRow(17, 16, 1)]
    [DataRow(24, 32, 2)]
    [DataRow(40, 8, 1)]
    public void OutputAndGradients_MatchFloat64(int inputs, int outputs, int stride)
    {
        manual_seed(2);
        using var layer = new PaddedConvolution(inputs, outputs, 3, stride, padding: 1);
        using var scope = NewDisposeScope();
        var input = rand(64, inputs, 14, 14).requires_grad_(true);
        var output = layer.forward(input);
        var upstream = randn(output.shape);
        output.mul(upstream).sum().backward();

        var weight = layer.parameters().First();
        var bias = layer.parameters().Last();
        var input64 = input.detach().to(float64).requires_grad_(true);
        var weight64 = weight.detach().to(float64).requires_grad_(true);
        var output64 = nn.functional.conv2d(input64, weight64, bias.detach().to(float64), strides: [stride, stride], padding: [1, 1]);
        output64.mul(upstream.to(float64)).sum().backward();

        Assert.IsLessThan(1e-5, MaxError(output, output64), "output");
        Assert.IsLessThan(1e-5, MaxError(input.grad!, input64.grad!), "input gradient");
        Assert.IsLessThan(1e-5, MaxError(weight.grad!, weight64.grad!) / weight64.grad!.abs().max().item<double>(), "weight gradient, relative");
    }

    private static double MaxError(Tensor actual, Tensor expected) =>
        actual.to(float64).sub(expected).abs().nan_to_num(nan: double.MaxValue).max().item<double>();

    [TestMethod]
    public void Parameters_HaveConv2dsNamesAndShapes_SoSavedModelsLoad()
    {
        using var narrow = new PaddedConvolution(32, 3, 3, stride: 1, padding: 1);
        using var conv = nn.Conv2d(32, 3, 3, padding: 1);

        var expected = conv.named_parameters().Select(p => $"{p.name} {string.Join("x", p.parameter.shape)}");
        var actual = narrow.named_parameters().Select(p => $"{p.name} {string.Join("x", p.parameter.shape)}");

        CollectionAssert.AreEqual(expected.ToList(), actual.ToList());
    }

    [TestMethod]
    public void Create_PadsOnlyTheChannelCountsLibtorchGetsWrong()
    {
        using var wide = PaddedConvolution.Create(8, 16, 3, padding: 1);
        using var multiple = PaddedConvolution.Create(32, 16, 3, padding: 1);
        using var narrow = PaddedConvolution.Create(8, 15, 3, padding: 1);
        using var oddInputs = PaddedConvolution.Create(24, 32, 3, padding: 1);

        Assert.IsInstanceOfType<TorchSharp.Modules.Conv2d>(wide);
        Assert.IsInstanceOfType<TorchSharp.Modules.Conv2d>(multiple);
        Assert.IsInstanceOfType<PaddedConvolution>(narrow);
        Assert.IsInstanceOfType<PaddedConvolution>(oddInputs);
    }
}
