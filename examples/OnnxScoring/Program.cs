using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.OnnxRuntime;
using OnnxScoring;

// Usage: OnnxScoring <detector.onnx> [wine-anomaly.csv]
// The detector file comes from the examples' wine-anomaly scenario (output/wine-anomaly-detector.onnx), which calls
// detector.ExportToOnnx(path) on the fitted MLNet.Autoencoders detector.
if (args.Length is < 1 or > 2 || args[0] is "-h" or "--help")
{
    Console.Error.WriteLine("Usage: OnnxScoring <detector.onnx> [wine-anomaly.csv]");
    return args.Length == 0 ? 2 : 0;
}
string modelPath = args[0];
string dataPath = args.Length > 1 ? args[1] : Path.Combine(AppContext.BaseDirectory, "Data", "wine-anomaly.csv");
if (!File.Exists(modelPath))
{
    Console.Error.WriteLine($"No ONNX model at '{modelPath}'. Run the examples' wine-anomaly scenario first; it writes output/wine-anomaly-detector.onnx.");
    return 1;
}

// What the file says it holds: written by the exporter into the model's metadata.
using (var session = new InferenceSession(modelPath))
{
    var metadata = session.ModelMetadata;
    var custom = metadata.CustomMetadataMap;
    Console.WriteLine($"Loaded {Path.GetFileName(modelPath)}: {custom.GetValueOrDefault("mlnet_autoencoders.component")} from {metadata.ProducerName} {custom.GetValueOrDefault("mlnet_autoencoders.library_version")}, "
        + $"threshold {custom.GetValueOrDefault("mlnet_autoencoders.threshold")}, inputs {string.Join(", ", session.InputMetadata.Keys)}, "
        + $"outputs {string.Join(", ", session.OutputMetadata.Keys)}.");
}

var ml = new MLContext(seed: 1);
IDataView data = ml.Data.LoadFromTextFile<WineRow>(dataPath, separatorChar: ',', hasHeader: true);
var scorer = ml.Transforms.ApplyOnnxModel(modelPath).Append(ScoreColumns.Unwrap(ml)).Fit(data);
IDataView scored = scorer.Transform(data);

var metrics = ml.AnomalyDetection.Evaluate(scored, falsePositiveCount: 10);
float[] scores = [.. scored.GetColumn<float>("Score")];
bool[] flagged = [.. scored.GetColumn<bool>("PredictedLabel")];
float[] labels = [.. scored.GetColumn<float>("Label")];
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"Scored {scores.Length} wines with ONNX Runtime through ApplyOnnxModel: AUC {metrics.AreaUnderRocCurve:F3}, DR@10 FP {metrics.DetectionRateAtFalsePositiveCount:F2}, "
    + $"flagged {flagged.Count(f => f)} ({flagged.Where((f, i) => f && labels[i] > 0).Count()} of {labels.Count(l => l > 0)} outliers)."));
Console.WriteLine("The 5 most anomalous wines:");
foreach (int row in Enumerable.Range(0, scores.Length).OrderByDescending(i => scores[i]).Take(5))
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{row,5}{scores[row],8:F2}  {(labels[row] > 0 ? "outlier" : "inlier")}"));
return 0;
