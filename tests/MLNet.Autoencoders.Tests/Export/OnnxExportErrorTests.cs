using Microsoft.ML;
using MLNet.Autoencoders.Tests.Persistence;
using MLNet.Autoencoders.Tests.Reliability;
using MLNet.Autoencoders.Transforms;
using MLNet.Autoencoders.Transforms.Export;
using MLNet.Autoencoders.Transforms.Networks;
using MLNet.Autoencoders.Transforms.Scoring;
using TorchSharp;
using static TorchSharp.torch;

namespace MLNet.Autoencoders.Tests.Export;

/// <summary>Exports that cannot succeed fail with a message that says why, and leave no file (and no temporary file) behind.</summary>
[TestClass]
public sealed class OnnxExportErrorTests
{
    private static FittedModels models = null!;

    [ClassInitialize]
    public static void FitModels(TestContext _) => models = new FittedModels();

    [ClassCleanup]
    public static void DisposeModels() => models.Dispose();

    [TestMethod]
    public void Export_OfADisposedTransformer_ThrowsAndWritesNothing()
    {
        var component = ReliabilityComponents.Named(ReliabilityComponents.DenseAutoencoder);
        var transformer = (AutoencoderTransformer)component.Estimator(models.Ml).Fit(component.Data(models.Ml, 30));
        transformer.Dispose();
        using var folder = new TempDirectory();

        var error = Assert.ThrowsExactly<ObjectDisposedException>(() => transformer.ExportToOnnx(folder.File("model.onnx")));

        StringAssert.Contains(error.Message, "Cannot export a disposed AutoencoderTransformer to ONNX");
        Assert.IsEmpty(Directory.GetFileSystemEntries(folder.Path));
    }

    [TestMethod]
    public void Export_IntoAFolderThatDoesNotExist_ThrowsWithThePath()
    {
        using var folder = new TempDirectory();
        string path = Path.Combine(folder.Path, "missing", "model.onnx");

        var error = Assert.ThrowsExactly<DirectoryNotFoundException>(() => ((AutoencoderTransformer)models[ReliabilityComponents.DenseAutoencoder]).ExportToOnnx(path));

        StringAssert.Contains(error.Message, Path.Combine(folder.Path, "missing"));
        Assert.IsEmpty(Directory.GetFileSystemEntries(folder.Path));
    }

    [TestMethod]
    public void Export_OntoAFolder_ThrowsAndLeavesNoTemporaryFile()
    {
        using var folder = new TempDirectory();
        string path = Directory.CreateDirectory(folder.File("model.onnx")).FullName;

        Assert.ThrowsExactly<IOException>(() => ((AutoencoderTransformer)models[ReliabilityComponents.DenseAutoencoder]).ExportToOnnx(path));

        CollectionAssert.AreEquivalent(new[] { path }, Directory.GetFileSystemEntries(folder.Path));
        Assert.IsEmpty(Directory.GetFileSystemEntries(path));
    }

    [TestMethod]
    public void Export_OfANetworkKindTheExporterDoesNotKnow_NamesItAndKeepsTheEarlierFile()
    {
        using var folder = new TempDirectory();
        string path = folder.File("model.onnx");
        File.WriteAllText(path, "earlier");
        var architecture = new DenseArchitecture(4, [], 2, [], Activation.Relu);
        var scaler = FeatureScaler.Fit(InputScaling.None, new float[8], 2, 4);
        using var transformer = new AutoencoderTransformer(new CustomNetwork(architecture), scaler,
            new AutoencoderColumnNames("Features", "Latent", "Reconstruction", "ReconstructionError"), [], 16);

        var error = Assert.ThrowsExactly<NotSupportedException>(() => transformer.ExportToOnnx(path));

        StringAssert.Contains(error.Message, "Cannot export a CustomNetwork to ONNX");
        Assert.AreEqual("earlier", File.ReadAllText(path));
        Assert.HasCount(1, Directory.GetFileSystemEntries(folder.Path));
    }

    [TestMethod]
    public void Export_OfALayerWithoutAnExactOnnxForm_NamesTheLayerAndWhy()
    {
        using var layers = nn.Sequential(("linear", nn.Linear(4, 3)), ("smooth", nn.GELU(TorchSharp.Modules.GELU.Approximate.tanh)), ("drop", nn.Dropout()));

        var error = Assert.ThrowsExactly<NotSupportedException>(() => LayerExport.Emit(new OnnxGraphBuilder(), layers, "decoder", "x"));

        Assert.AreEqual("Cannot export layer 'decoder.smooth' (GELU) to ONNX: its 'tanh' approximation is not exported; only the exact GELU is. Nothing was written.", error.Message);
        using var dropout = nn.Sequential(("drop", nn.Dropout()));
        StringAssert.Contains(Assert.ThrowsExactly<NotSupportedException>(() => LayerExport.Emit(new OnnxGraphBuilder(), dropout, "encoder", "x")).Message,
            "Cannot export layer 'encoder.drop' (Dropout) to ONNX: the ONNX exporter has no translation for this kind of layer");
    }

    /// <summary>A network of the user's own: a linear encoder and decoder, not one of the library's kinds.</summary>
    private sealed class CustomNetwork : AutoencoderNetwork
    {
        private readonly TorchSharp.Modules.Linear encoder;
        private readonly TorchSharp.Modules.Linear decoder;

        public CustomNetwork(NetworkArchitecture architecture) : base(nameof(CustomNetwork))
        {
            Architecture = architecture;
            encoder = nn.Linear(architecture.InputSize, architecture.LatentDimension);
            decoder = nn.Linear(architecture.LatentDimension, architecture.InputSize);
            RegisterComponents();
        }

        public override NetworkArchitecture Architecture { get; }

        public override Tensor Encode(Tensor input) => encoder.forward(input);

        public override Tensor Decode(Tensor latent) => decoder.forward(latent);
    }
}
