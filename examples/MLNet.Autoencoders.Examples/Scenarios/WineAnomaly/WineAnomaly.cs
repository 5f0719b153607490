using System.Diagnostics;
using Microsoft.ML;
using Microsoft.ML.Data;
using MLNet.Autoencoders.Estimators.AnomalyDetection;
using MLNet.Autoencoders.Examples.Shared;
using MLNet.Autoencoders.Transforms;
using MLNet.Autoencoders.Transforms.AnomalyDetection;

namespace MLNet.Autoencoders.Examples.Scenarios.WineAnomaly;

/// <summary>
/// Finds the 10 planted outliers among 129 wines with the autoencoder anomaly detector and, side by side,
/// with ML.NET's RandomizedPca; prints both detectors' metrics from <c>AnomalyDetection.Evaluate</c>, the
/// five most anomalous wines with the measurements that made them so, and plots the score histogram.
/// </summary>
internal static class WineAnomaly
{
    // The expected share of anomalies, here 10 of 129; the threshold flags this fraction of the training rows.
    private const double Contamination = 0.08;

    /// <summary>Runs the scenario; <paramref name="size"/> sets the epochs and, for a smoke run, a 2-network ensemble.</summary>
    public static void Run(RunSize size)
    {
        var ml = new MLContext(seed: 1);
        IDataView data = ml.Data.LoadFromTextFile<Wine>(DataFiles.Find("wine-anomaly.csv"), separatorChar: ',', hasHeader: true);
        float[] labels = [.. data.GetColumn<float>(nameof(Wine.Label))];
        Console.WriteLine($"Loaded {labels.Length} wines with {Wine.Measurements.Length} measurements; {labels.Count(l => l > 0)} are planted outliers (label 1).");

        var autoencoderPipeline = ml.Transforms.Concatenate("Features", Wine.Measurements)
            .Append(ml.AnomalyDetection.Trainers.Autoencoder(new AutoencoderAnomalyOptions
            {
                Contamination = Contamination,
                Epochs = size.Epochs(AutoencoderAnomalyDefaults.Epochs),
                EnsembleSize = size.IsSmoke ? 2 : AutoencoderAnomalyDefaults.EnsembleSize,
                FeatureErrorsColumnName = "FeatureErrors",
                // Small networks train fastest on one core; libtorch's default uses them all.
                NumberOfThreads = 1,
            }));

        var watch = Stopwatch.StartNew();
        using var autoencoderModel = autoencoderPipeline.Fit(data);
        var detector = autoencoderModel.LastTransformer;
        Console.WriteLine($"Fitted {detector} in {watch.Elapsed.TotalSeconds:F1} s.");
        for (int member = 0; member < detector.LossHistories.Count; member++)
            LossCheck.ThrowIfNotFinite($"detector network {member + 1}", detector.LossHistories[member]);

        // RandomizedPca on the same standardized features, keeping as many components as the autoencoder's code has.
        int rank = detector.Architecture.LatentDimension;
        var pcaModel = ml.Transforms.Concatenate("Features", Wine.Measurements)
            .Append(ml.Transforms.NormalizeMeanVariance("Features", fixZero: false))
            .Append(ml.AnomalyDetection.Trainers.RandomizedPca(rank: rank, seed: 1))
            .Fit(data);

        IDataView scored = autoencoderModel.Transform(data);
        IDataView pcaScored = pcaModel.Transform(data);
        Console.WriteLine();
        Console.WriteLine("Detection of the 10 planted outliers (ml.AnomalyDetection.Evaluate; DR@10 FP = detection rate");
        Console.WriteLine("among the top-scored rows before the 10th false positive):");
        Console.WriteLine($"{"Method",-22}{"AUC",7}{"DR@10 FP",10}{"Flagged",9}{"Outliers flagged",18}");
        PrintMetrics(ml, $"Autoencoder ({detector.EnsembleSize} nets)", scored, labels);
        PrintMetrics(ml, $"RandomizedPca (rank {rank})", pcaScored, labels);

        Console.WriteLine();
        PrintMostAnomalous(scored, labels, count: 5);

        string plotPath = DataFiles.Output("wine-anomaly-scores.png");
        float[] scores = [.. scored.GetColumn<float>("Score")];
        Plots.SaveSideBySide(plotPath, panelWidth: 900, height: 520,
            ScoreHistogram.Create($"Autoencoder anomaly scores of {labels.Length} wines", scores, [.. labels.Select(l => l > 0)], detector.Threshold));
        Console.WriteLine();
        Console.WriteLine($"Saved the score histogram to {plotPath}");

        string modelPath = DataFiles.Output("wine-anomaly-detector.zip");
        ml.Model.Save(autoencoderModel, data.Schema, modelPath);
        Console.WriteLine($"Saved the fitted pipeline to {modelPath}; reloaded in a new MLContext it reproduces all scores exactly: {(ReloadedScoresMatch(modelPath, data, scores) ? "yes" : "no")}");

        // The detector alone (its input is the "Features" column) as an ONNX file: examples/OnnxScoring scores it without TorchSharp.
        string onnxPath = DataFiles.Output("wine-anomaly-detector.onnx");
        detector.ExportToOnnx(onnxPath);
        Console.WriteLine($"Exported the detector to {onnxPath} (ONNX, {new FileInfo(onnxPath).Length / 1024.0:F0} KB); score it with: dotnet run --project examples/OnnxScoring -- {onnxPath}");
    }

    private static void PrintMetrics(MLContext ml, string name, IDataView scored, float[] labels)
    {
        var metrics = ml.AnomalyDetection.Evaluate(scored, falsePositiveCount: 10);
        bool[] flagged = [.. scored.GetColumn<bool>("PredictedLabel")];
        int truePositives = flagged.Where((f, i) => f && labels[i] > 0).Count();
        Console.WriteLine($"{name,-22}{metrics.AreaUnderRocCurve,7:F3}{metrics.DetectionRateAtFalsePositiveCount,10:F2}{flagged.Count(f => f),9}{truePositives,12} of {labels.Count(l => l > 0)}");
    }

    /// <summary>Prints the <paramref name="count"/> highest-scoring wines and the three measurements each reconstructs worst.</summary>
    private static void PrintMostAnomalous(IDataView scored, float[] labels, int count)
    {
        VBuffer<ReadOnlyMemory<char>> slotNames = default;
        scored.Schema["FeatureErrors"].GetSlotNames(ref slotNames);
        string[] names = [.. slotNames.DenseValues().Select(n => n.ToString())];
        float[] scores = [.. scored.GetColumn<float>("Score")];
        float[][] errors = [.. scored.GetColumn<float[]>("FeatureErrors")];

        Console.WriteLine($"The {count} most anomalous wines and their worst-reconstructed measurements (squared error, z-score units):");
        Console.WriteLine($"{"Row",5}{"Score",8}  {"Truth",-9}Measurements");
        foreach (int row in Enumerable.Range(0, scores.Length).OrderByDescending(i => scores[i]).Take(count))
        {
            var worst = Enumerable.Range(0, names.Length).OrderByDescending(j => errors[row][j]).Take(3)
                .Select(j => $"{names[j]} {errors[row][j]:F1}");
            Console.WriteLine($"{row,5}{scores[row],8:F2}  {(labels[row] > 0 ? "outlier" : "inlier"),-9}{string.Join(", ", worst)}");
        }
    }

    private static bool ReloadedScoresMatch(string modelPath, IDataView data, float[] expected)
    {
        var fresh = new MLContext();
        ITransformer reloaded = fresh.Model.Load(modelPath, out _);
        try
        {
            return reloaded.Transform(data).GetColumn<float>("Score").SequenceEqual(expected);
        }
        finally
        {
            (reloaded as IDisposable)?.Dispose();
        }
    }
}
