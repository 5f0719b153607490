using Microsoft.ML;
using MLNet.Autoencoders.Tests.Persistence;
using MLNet.Autoencoders.Tests.Reliability;
using MLNet.Autoencoders.Transforms;
using MLNet.Autoencoders.Transforms.AnomalyDetection;

namespace MLNet.Autoencoders.Tests.Export;

/// <summary>An exported file says what it holds, and its inputs and outputs carry the column names with a dynamic batch dimension.</summary>
[TestClass]
public sealed class OnnxExportMetadataTests
{
    private static FittedModels models = null!;

    [ClassInitialize]
    public static void FitModels(TestContext _) => models = new FittedModels();

    [ClassCleanup]
    public static void DisposeModels() => models.Dispose();

    [TestMethod]
    public void ExportedDetector_RecordsProducerComponentColumnsAndThreshold()
    {
        var detector = (AutoencoderAnomalyTransformer)models[ReliabilityComponents.AnomalyDetector];
        using var folder = new TempDirectory();
        string path = folder.File("detector.onnx");
        detector.ExportToOnnx(path);

        var metadata = OnnxMetadata.Read(path);
        Assert.AreEqual("MLNet.Autoencoders", metadata["producer"]);
        Assert.AreEqual(nameof(AutoencoderAnomalyTransformer), metadata["mlnet_autoencoders.component"]);
        Assert.AreEqual("Features", metadata["mlnet_autoencoders.input_columns"]);
        Assert.AreEqual("Score,PredictedLabel,FeatureErrors", metadata["mlnet_autoencoders.output_columns"]);
        Assert.AreEqual(detector.Threshold, float.Parse(metadata["mlnet_autoencoders.threshold"], System.Globalization.CultureInfo.InvariantCulture));
        Assert.AreEqual("2", metadata["mlnet_autoencoders.ensemble_size"]);
        StringAssert.Contains(metadata["description"], "PredictedLabel = Score >");
    }

    [TestMethod]
    [DataRow(ReliabilityComponents.AnomalyDetector)]
    [DataRow(ReliabilityComponents.ConvolutionalVariationalAutoencoder)]
    public void Export_OfASavedAndLoadedModel_IsByteForByteTheFittedModelsExport(string name)
    {
        var component = ReliabilityComponents.Named(name);
        var fitted = models[name];
        using var folder = new TempDirectory();
        string path = RoundTrip.Save(models.Ml, fitted, component.Data(models.Ml, 5).Schema, folder, "model.zip");
        OnnxExportParityTests.Export(fitted, folder.File("fitted.onnx"));

        RoundTrip.WithLoaded(path, (loaded, _) =>
        {
            OnnxExportParityTests.Export(RoundTrip.Find<MLNet.Autoencoders.Transforms.BatchedTransformer>(loaded), folder.File("loaded.onnx"));
            return 0;
        });

        CollectionAssert.AreEqual(File.ReadAllBytes(folder.File("fitted.onnx")), File.ReadAllBytes(folder.File("loaded.onnx")));
    }

    [TestMethod]
    public void ExportedAutoencoder_HasColumnNamedInputsAndOutputsWithADynamicBatch()
    {
        var autoencoder = (AutoencoderTransformer)models[ReliabilityComponents.VariationalAutoencoder];
        using var stream = new MemoryStream();
        autoencoder.ExportToOnnx(stream);

        using var session = new Microsoft.ML.OnnxRuntime.InferenceSession(stream.ToArray());
        Assert.AreEqual("Features", session.InputMetadata.Keys.Single());
        CollectionAssert.AreEqual(new[] { -1, 6 }, session.InputMetadata["Features"].Dimensions);
        CollectionAssert.AreEquivalent(autoencoder.Columns.Outputs.ToArray(), session.OutputMetadata.Keys.ToArray());
        CollectionAssert.AreEqual(new[] { -1, 2 }, session.OutputMetadata["LatentLogVariance"].Dimensions);
        CollectionAssert.AreEqual(new[] { -1 }, session.OutputMetadata["ReconstructionError"].Dimensions);
        Assert.AreEqual("AutoencoderTransformer", session.ModelMetadata.CustomMetadataMap["mlnet_autoencoders.component"]);
    }
}
