using Microsoft.ML;
using MLNet.Autoencoders.Tests.Persistence;
using MLNet.Autoencoders.Tests.Reliability;
using MLNet.Autoencoders.Transforms;
using MLNet.Autoencoders.Transforms.AnomalyDetection;

namespace MLNet.Autoencoders.Tests.Export;

/// <summary>
/// Every component that scores, exported to ONNX, gives the transformer's outputs on the same rows (NaN rows included)
/// through ONNX Runtime's InferenceSession and through ML.NET's ApplyOnnxModel.
/// </summary>
[TestClass]
public sealed class OnnxExportParityTests
{
    private static FittedModels models = null!;

    public TestContext TestContext { get; set; } = null!;

    [ClassInitialize]
    public static void FitModels(TestContext _) => models = new FittedModels();

    [ClassCleanup]
    public static void DisposeModels() => models.Dispose();

    [TestMethod]
    [DataRow(ReliabilityComponents.DenseAutoencoder)]
    [DataRow(ReliabilityComponents.AnomalyDetector)]
    [DataRow(ReliabilityComponents.VariationalAutoencoder)]
    [DataRow(ReliabilityComponents.MissingValueAutoencoder)]
    [DataRow(ReliabilityComponents.ConvolutionalAutoencoder)]
    [DataRow(ReliabilityComponents.ConvolutionalVariationalAutoencoder)]
    public void ExportedModel_InOnnxRuntime_GivesTheTransformerOutputs(string name)
    {
        var component = ReliabilityComponents.Named(name);
        using var folder = new TempDirectory();
        string path = folder.File("model.onnx");
        var transformer = models[name];
        Export(transformer, path);
        var rows = RowsWithNaN(component);

        var expected = transformer.Transform(component.Load(models.Ml, rows));
        var actual = OnnxRuntimeScoring.Run(path, "Features", rows);
        var report = new ParityReport($"{name}, ONNX Runtime, {rows.Length} rows");
        foreach (string column in OutputColumns(transformer))
            report.Compare(column, DataViewValues.Read(expected, column), actual[column]);
        TestContext.WriteLine(report.ToString());
    }

    [TestMethod]
    [DataRow(ReliabilityComponents.DenseAutoencoder)]
    [DataRow(ReliabilityComponents.AnomalyDetector)]
    [DataRow(ReliabilityComponents.VariationalAutoencoder)]
    [DataRow(ReliabilityComponents.MissingValueAutoencoder)]
    [DataRow(ReliabilityComponents.ConvolutionalAutoencoder)]
    [DataRow(ReliabilityComponents.ConvolutionalVariationalAutoencoder)]
    public void ExportedModel_InApplyOnnxModel_GivesTheTransformerOutputs(string name)
    {
        var component = ReliabilityComponents.Named(name);
        using var folder = new TempDirectory();
        string path = folder.File("model.onnx");
        var transformer = models[name];
        Export(transformer, path);
        var data = component.Load(models.Ml, RowsWithNaN(component));

        var expected = transformer.Transform(data);
        using var onnx = models.Ml.Transforms.ApplyOnnxModel(path).Fit(data);
        var actual = onnx.Transform(data);
        var report = new ParityReport($"{name}, ApplyOnnxModel");
        foreach (string column in OutputColumns(transformer))
            report.Compare(column, DataViewValues.Read(expected, column), DataViewValues.Read(actual, column));
        TestContext.WriteLine(report.ToString());
        foreach (string column in OutputColumns(transformer))
            TestContext.WriteLine($"{column}: {actual.Schema[column].Type}");
    }

    [TestMethod]
    [DataRow(ReliabilityComponents.DenseAutoencoder)]
    [DataRow(ReliabilityComponents.ConvolutionalVariationalAutoencoder)]
    public void ExportedDecoder_GivesTheDecoderOutputs(string name)
    {
        var component = ReliabilityComponents.Named(name);
        var autoencoder = (AutoencoderTransformer)models[name];
        using var decoder = autoencoder.CreateDecoder(outputColumnName: "Decoded");
        using var folder = new TempDirectory();
        string path = folder.File("decoder.onnx");
        decoder.ExportToOnnx(path);
        var codes = DataViewValues.Read(autoencoder.Transform(component.Load(models.Ml, component.Rows(30, 11))), "Latent").Cast<float[]>().ToList();
        codes.Add(Enumerable.Repeat(float.NaN, codes[0].Length).ToArray());
        var latent = models.Ml.Data.LoadFromEnumerable(codes.Select(c => new FeatureRow { Features = c }),
            FeatureRow.Definition(new Microsoft.ML.Data.VectorDataViewType(Microsoft.ML.Data.NumberDataViewType.Single, codes[0].Length), "Latent"));

        var expected = DataViewValues.Read(decoder.Transform(latent), "Decoded");
        var report = new ParityReport($"{name} decoder, ONNX Runtime");
        report.Compare("Decoded", expected, OnnxRuntimeScoring.Run(path, "Latent", codes)["Decoded"]);
        using var onnx = models.Ml.Transforms.ApplyOnnxModel(path).Fit(latent);
        var applied = new ParityReport($"{name} decoder, ApplyOnnxModel");
        applied.Compare("Decoded", expected, DataViewValues.Read(onnx.Transform(latent), "Decoded"));
        TestContext.WriteLine(report.ToString());
        TestContext.WriteLine(applied.ToString());
    }

    [TestMethod]
    [DataRow(ReliabilityComponents.DenseAutoencoder, 1)]
    [DataRow(ReliabilityComponents.DenseAutoencoder, 10_000)]
    [DataRow(ReliabilityComponents.AnomalyDetector, 1)]
    [DataRow(ReliabilityComponents.AnomalyDetector, 10_000)]
    [DataRow(ReliabilityComponents.VariationalAutoencoder, 1)]
    [DataRow(ReliabilityComponents.VariationalAutoencoder, 10_000)]
    [DataRow(ReliabilityComponents.MissingValueAutoencoder, 1)]
    [DataRow(ReliabilityComponents.MissingValueAutoencoder, 10_000)]
    [DataRow(ReliabilityComponents.ConvolutionalAutoencoder, 1)]
    [DataRow(ReliabilityComponents.ConvolutionalAutoencoder, 10_000)]
    [DataRow(ReliabilityComponents.ConvolutionalVariationalAutoencoder, 1)]
    [DataRow(ReliabilityComponents.ConvolutionalVariationalAutoencoder, 10_000)]
    public void ExportedModel_OnABatchOfAnySize_GivesTheTransformerOutputs(string name, int rowCount)
    {
        var component = ReliabilityComponents.Named(name);
        using var folder = new TempDirectory();
        string path = folder.File("model.onnx");
        var transformer = models[name];
        Export(transformer, path);
        var rows = component.Rows(rowCount, 13);
        var data = component.Load(models.Ml, rows);

        var expected = transformer.Transform(data);
        var actual = OnnxRuntimeScoring.Run(path, "Features", rows);
        using var onnx = models.Ml.Transforms.ApplyOnnxModel(path).Fit(data);
        var applied = onnx.Transform(data);
        var report = new ParityReport($"{name}, ONNX Runtime, one batch of {rowCount} rows");
        var appliedReport = new ParityReport($"{name}, ApplyOnnxModel, {rowCount} rows");
        foreach (string column in OutputColumns(transformer))
        {
            var values = DataViewValues.Read(expected, column);
            report.Compare(column, values, actual[column]);
            appliedReport.Compare(column, values, DataViewValues.Read(applied, column));
        }
        TestContext.WriteLine(report.ToString());
        TestContext.WriteLine(appliedReport.ToString());
    }

    internal static void Export(ITransformer transformer, string path)
    {
        switch (transformer)
        {
            case AutoencoderTransformer autoencoder:
                autoencoder.ExportToOnnx(path);
                break;
            case AutoencoderAnomalyTransformer detector:
                detector.ExportToOnnx(path);
                break;
            case AutoencoderDecoderTransformer decoder:
                decoder.ExportToOnnx(path);
                break;
            default:
                throw new ArgumentException($"{transformer.GetType().Name} does not export.", nameof(transformer));
        }
    }

    internal static IReadOnlyList<string> OutputColumns(ITransformer transformer) => transformer switch
    {
        AutoencoderTransformer autoencoder => autoencoder.Columns.Outputs,
        AutoencoderAnomalyTransformer detector => detector.Columns.Outputs,
        AutoencoderDecoderTransformer decoder => [decoder.Columns.Output],
        _ => throw new ArgumentException($"{transformer.GetType().Name} does not export.", nameof(transformer)),
    };

    /// <summary>40 good rows, then a row with one NaN and a row of NaN (holes the model fills, for a model that treats NaN as missing).</summary>
    internal static float[][] RowsWithNaN(ReliabilityComponent component, int count = 40)
    {
        var rows = component.Rows(count, 11).ToList();
        var oneHole = (float[])rows[0].Clone();
        oneHole[1] = float.NaN;
        rows.Add(oneHole);
        rows.Add(Enumerable.Repeat(float.NaN, component.FeatureCount).ToArray());
        return [.. rows];
    }
}
