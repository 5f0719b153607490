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
