using System.Diagnostics;
using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;
using MLNet.Autoencoders.Cli.Plots;
using MLNet.Autoencoders.Estimators.AnomalyDetection;

namespace MLNet.Autoencoders.Cli;

/// <summary><c>detect</c>: fits the autoencoder anomaly detector on a CSV's numeric columns, writes the scored CSV and the model.</summary>
internal static class DetectCommand
{
    private const string FeatureErrors = "FeatureErrors";
    private const int WorstFeatures = 3;
    private const int TopRows = 10;

    public sealed record Arguments(string Data, string? Label, double? Contamination, string[] Ignore, string? Output, int? Seed, int? Epochs);

    public static int Run(Arguments arguments, CliConsole console, CancellationToken cancellation)
    {
        var output = console.Writer;
        var table = CsvTable.Read(arguments.Data);
        var labels = arguments.Label is null ? null : ReadLabels(table, arguments.Label);
        var ml = new MLContext(arguments.Seed);
        var data = FeatureData.Load(ml, table, arguments.Ignore, arguments.Label, output);

        var options = new AutoencoderAnomalyOptions
        {
            FeatureColumnName = FeatureData.FeaturesColumn,
            FeatureErrorsColumnName = FeatureErrors,
            Seed = arguments.Seed,
            CancellationToken = cancellation,
        };
        if (arguments.Contamination is { } contamination)
            options.Contamination = contamination;
        if (arguments.Epochs is { } epochs)
            options.Epochs = epochs;

        var pipeline = ml.Transforms.Concatenate(FeatureData.FeaturesColumn, data.FeatureColumns)
            .Append(ml.AnomalyDetection.Trainers.Autoencoder(options));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Fitting the anomaly detector on {table.Rows.Count} rows ({options.EnsembleSize} networks, up to {options.Epochs} epochs, contamination {options.Contamination})..."));
        var clock = Stopwatch.StartNew();
        // Five networks of up to 200 epochs: a line per epoch would bury the results, so redirected output gets the summary table only.
        using var model = console.Fit(options.EnsembleSize, options.Epochs, printEpochs: false, report =>
        {
            options.EpochCompleted = e => report(e.Network, e.MaximumEpochs, e.Loss);
            return pipeline.Fit(data.Data);
        });
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Fitted in {clock.Elapsed.TotalSeconds:F1} s; threshold {model.LastTransformer.Threshold:G4}."));
        PrintNetworks(console, model.LastTransformer.LossHistories);

        var scored = model.Transform(data.Data);
        var scores = scored.GetColumn<float>(options.ScoreColumnName).ToArray();
        var flagged = scored.GetColumn<bool>(options.PredictedLabelColumnName).ToArray();
        var worst = scored.GetColumn<VBuffer<float>>(FeatureErrors)
            .Select(errors => errors.DenseValues().Select((error, i) => (error, i))
                .Where(e => !float.IsNaN(e.error)).OrderByDescending(e => e.error).Take(WorstFeatures)
                .Select(e => data.FeatureColumns[e.i]).ToArray())
            .ToArray();
        FeatureData.CheckRowCount(scores.Length, table);
        cancellation.ThrowIfCancellationRequested();

        var paths = OutputPaths.For(arguments.Data, arguments.Output);
        var scoredPath = paths.File("scored.csv");
        var modelPath = paths.File("model.zip");
        AtomicFile.WriteText(scoredPath, writer =>
        {
            CsvTable.Write(writer, table.Header.Concat(["Score", "IsAnomaly", .. Enumerable.Range(1, WorstFeatures).Select(k => $"WorstFeature{k}")]));
            for (var r = 0; r < table.Rows.Count; r++)
                CsvTable.Write(writer, table.Rows[r].Concat([CsvTable.Format(scores[r]), flagged[r] ? "true" : "false",
                    .. Enumerable.Range(0, WorstFeatures).Select(k => k < worst[r].Length ? worst[r][k] : "")]));
        });
        AtomicFile.Write(modelPath, temporary => ml.Model.Save(model, data.Data.Schema, temporary));
        var plotPath = paths.File("scores.png");
        PngFile.Write(plotPath, ScoreHistogramPlot.Create($"Anomaly scores of {Path.GetFileName(arguments.Data)}", scores, model.LastTransformer.Threshold));

        PrintTop(console, table, scores, flagged, worst, labels);
        output.WriteLine($"{flagged.Count(f => f)} of {table.Rows.Count} rows flagged as anomalies.");
        if (labels is not null)
            output.WriteLine(labels.Distinct().Count() < 2
                ? $"ROC AUC against '{arguments.Label}': undefined, the column holds only {(labels[0] ? 1 : 0)}s."
                // The label column was loaded as Single with the features and passes through the model, as ML.NET's evaluator wants it.
                : string.Create(CultureInfo.InvariantCulture,
                    $"ROC AUC against '{arguments.Label}': {ml.AnomalyDetection.Evaluate(scored, arguments.Label, options.ScoreColumnName, options.PredictedLabelColumnName).AreaUnderRocCurve:F3}"));
        output.WriteLine($"Wrote {scoredPath}");
        output.WriteLine($"Wrote {modelPath}");
        output.WriteLine($"Wrote {plotPath}");
        return ExitCodes.Ok;
    }

    private static bool[] ReadLabels(CsvTable table, string label)
    {
        var column = table.IndexOf(label);
        if (column < 0)
            throw new CliInputException($"'{table.Path}' has no column '{label}' for --label. Its columns: {string.Join(", ", table.Header)}.");
        var labels = new bool[table.Rows.Count];
        for (var r = 0; r < table.Rows.Count; r++)
        {
            var cell = table.Rows[r][column];
            labels[r] = cell switch
            {
                "1" or "1.0" => true,
                "0" or "0.0" => false,
                _ => throw new CliInputException($"--label column '{label}' must hold only 0 and 1; row {r + 1} has '{cell}'."),
            };
        }
        return labels;
    }

    private static void PrintNetworks(CliConsole console, IReadOnlyList<IReadOnlyList<Transforms.EpochLoss>> histories) =>
        console.WriteTable(["network", "epochs", "training loss", "best validation loss"],
            histories.Select((history, n) => new[]
            {
                (n + 1).ToString(CultureInfo.InvariantCulture),
                history.Count.ToString(CultureInfo.InvariantCulture),
                history.Count == 0 ? "" : history[^1].TrainingLoss.ToString("G4", CultureInfo.InvariantCulture),
                history.Select(h => h.ValidationLoss).OfType<double>().DefaultIfEmpty(double.NaN).Min() is var best && double.IsNaN(best)
                    ? "" : best.ToString("G4", CultureInfo.InvariantCulture),
            }),
            rightAligned: [0, 1, 2, 3]);

    private static void PrintTop(CliConsole console, CsvTable table, float[] scores, bool[] flagged, string[][] worst, bool[]? labels)
    {
        console.WriteLine();
        console.WriteLine($"Top {Math.Min(TopRows, scores.Length)} rows by score:");
        string[] header = labels is null ? ["row", "score", "anomaly", "worst features"] : ["row", "score", "anomaly", "label", "worst features"];
        var rows = Enumerable.Range(0, scores.Length).Where(r => !float.IsNaN(scores[r])).OrderByDescending(r => scores[r]).Take(TopRows)
            .Select(r => new[]
            {
                (r + 1).ToString(CultureInfo.InvariantCulture),
                scores[r].ToString("G4", CultureInfo.InvariantCulture),
                flagged[r] ? "yes" : "no",
                labels is null ? null : labels[r] ? "1" : "0",
                string.Join(", ", worst[r]),
            }.OfType<string>().ToArray());
        console.WriteTable(header, rows, labels is null ? [0, 1] : [0, 1, 3]);
        console.WriteLine();
    }
}
