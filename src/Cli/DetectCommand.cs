using System.Diagnostics;
using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;
using MLNet.Autoencoders.Estimators.AnomalyDetection;

namespace MLNet.Autoencoders.Cli;

/// <summary><c>detect</c>: fits the autoencoder anomaly detector on a CSV's numeric columns, writes the scored CSV and the model.</summary>
internal static class DetectCommand
{
    private const string FeatureErrors = "FeatureErrors";
    private const int WorstFeatures = 3;
    private const int TopRows = 10;

    public sealed record Arguments(string Data, string? Label, double? Contamination, string[] Ignore, string? Output, int? Seed, int? Epochs);

    public static int Run(Arguments arguments, TextWriter output, CancellationToken cancellation)
    {
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
        using var model = pipeline.Fit(data.Data);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Fitted in {clock.Elapsed.TotalSeconds:F1} s; threshold {model.LastTransformer.Threshold:G4}."));

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

        PrintTop(output, table, scores, flagged, worst, labels);
        output.WriteLine($"{flagged.Count(f => f)} of {table.Rows.Count} rows flagged as anomalies.");
        if (labels is not null)
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"ROC AUC against '{arguments.Label}': {RocAuc.Compute(scores, labels):F3}"));
        output.WriteLine($"Wrote {scoredPath}");
        output.WriteLine($"Wrote {modelPath}");
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

    private static void PrintTop(TextWriter output, CsvTable table, float[] scores, bool[] flagged, string[][] worst, bool[]? labels)
    {
        output.WriteLine();
        output.WriteLine($"Top {Math.Min(TopRows, scores.Length)} rows by score:");
        output.WriteLine($"{"row",5}  {"score",10}  {"anomaly",7}  {(labels is null ? "" : "label  ")}worst features");
        foreach (var r in Enumerable.Range(0, scores.Length).Where(r => !float.IsNaN(scores[r])).OrderByDescending(r => scores[r]).Take(TopRows))
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{r + 1,5}  {scores[r],10:G4}  {(flagged[r] ? "yes" : "no"),7}  {(labels is null ? "" : $"{(labels[r] ? 1 : 0),5}  ")}{string.Join(", ", worst[r])}"));
        output.WriteLine();
    }
}
