using Microsoft.ML;
using MLNet.Autoencoders.Tests.Persistence;
using MLNet.Autoencoders.Tests.Reliability;
using MLNet.Autoencoders.Transforms;
using MLNet.Autoencoders.Transforms.Networks;
using MLNet.Autoencoders.Transforms.Scoring;

namespace MLNet.Autoencoders.Tests.Export;

/// <summary>
/// Every activation, output activation, pooling and upsampling the library offers exports exactly: untrained networks of
/// each kind (weights as initialised, no fitting needed to test the graph) against ONNX Runtime, NaN rows included.
/// </summary>
/// <remarks>
/// Channel counts stay at 16 or below: with 17 output channels libtorch 2.10's float32 CPU convolution (TorchSharp 0.107)
/// computed outputs up to 1.4e-2 away from the same network in float64, while ONNX Runtime matched float64 within 1e-7
/// (measured 2026-12-02 on 2x8x8 inputs, 3x3 kernels, stride 1 and 2), so a parity test there would measure libtorch.
/// </remarks>
[TestClass]
public sealed class OnnxLayerCoverageTests
{
    private static readonly ImageShape Image = new(2, 8, 8);

    public TestContext TestContext { get; set; } = null!;

    public static IEnumerable<object[]> Networks()
    {
        foreach (var activation in Enum.GetValues<Activation>())
        {
            var output = activation is Activation.Sigmoid or Activation.Elu ? OutputActivation.Sigmoid : OutputActivation.Identity;
            yield return [activation, "dense", new DenseArchitecture(5, [7, 6], 3, [6, 7], activation, output)];
            yield return [activation, "variational", new VariationalArchitecture(5, [7], 3, [7], activation, output)];
            yield return [activation, "pooling + nearest", new ConvolutionalArchitecture(Image, [3, 16], 4,
                ConvolutionalDownsampling.MaxPooling, ConvolutionalUpsampling.NearestNeighbor, activation, output)];
            yield return [activation, "strided + transposed, variational", new ConvolutionalVariationalArchitecture(new ConvolutionalArchitecture(Image, [4], 3,
                ConvolutionalDownsampling.StridedConvolution, ConvolutionalUpsampling.TransposedConvolution, activation, output))];
            yield return [activation, "strided + nearest", new ConvolutionalArchitecture(Image, [16, 5], 4,
                ConvolutionalDownsampling.StridedConvolution, ConvolutionalUpsampling.NearestNeighbor, activation, output)];
        }
    }

    [TestMethod]
    [DynamicData(nameof(Networks))]
    public void Network_OfEveryActivationAndLayerKind_ExportsExactly(Activation activation, string kind, NetworkArchitecture architecture)
    {
        var random = new Random(3);
        var rows = Enumerable.Range(0, 24).Select(_ => Enumerable.Range(0, architecture.InputSize).Select(_ => (float)(random.NextDouble() * 4 - 2)).ToArray()).ToList();
        rows.Add([.. rows[0].Take(architecture.InputSize - 1), float.NaN]);
        var scaler = FeatureScaler.Fit(InputScaling.Standardize, rows.Take(24).SelectMany(r => r).ToArray(), 24, architecture.InputSize);
        var columns = new AutoencoderColumnNames("Features", "Latent", "Reconstruction", "ReconstructionError")
        {
            LatentLogVariance = architecture.IsVariational ? "LatentLogVariance" : null,
        };
        using var transformer = new AutoencoderTransformer(architecture.CreateNetwork(), scaler, columns, [], 16);
        using var folder = new TempDirectory();
        string path = folder.File("network.onnx");
        transformer.ExportToOnnx(path);

        var ml = new MLContext(seed: 1);
        var type = new Microsoft.ML.Data.VectorDataViewType(Microsoft.ML.Data.NumberDataViewType.Single, architecture.InputSize);
        var expected = transformer.Transform(FeatureRow.Load(ml, rows, type));
        var actual = OnnxRuntimeScoring.Run(path, "Features", rows);
        var report = new ParityReport($"{activation}, {kind}");
        foreach (string column in columns.Outputs)
            report.Compare(column, DataViewValues.Read(expected, column), actual[column]);
        TestContext.WriteLine(report.ToString());
    }
}
