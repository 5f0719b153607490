using System.Globalization;
using System.Text;

namespace MLNet.Autoencoders.Benchmarks.AnomalyDev;

/// <summary>Prints the anomaly-dev results as a markdown table with means, the harness check, and optionally a CSV file.</summary>
internal static class AnomalyDevReport
{
    /// <summary>The largest mean |reference AUC - scikit-learn AUC| the harness check accepts.</summary>
    public const double HarnessTolerance = 0.02;

    /// <summary>Prints the table and the harness check; writes the CSV when asked. Returns whether the harness check passed (or did not apply).</summary>
    public static bool Print(IReadOnlyList<AnomalyDevResult> results, AnomalyDevSettings settings)
    {
        var table = new ResultTable();
        foreach (var r in results)
        {
            table.Add(r.Set, $"{r.Rows}", $"{r.Dimension}", $"{r.Outliers}", Auc(r.DetectorAuc), Seconds(r.DetectorFitSeconds),
                Auc(r.ForestAuc), Auc(r.NeighbourAuc), Auc(r.BaselineForestAuc), Auc(r.BaselineNeighbourAuc));
        }
        table.Add("**mean**", "", "", "", Auc(Mean(results, r => r.DetectorAuc)), Seconds(Mean(results, r => r.DetectorFitSeconds)),
            Auc(Mean(results, r => r.ForestAuc)), Auc(Mean(results, r => r.NeighbourAuc)),
            Auc(Mean(results, r => r.BaselineForestAuc)), Auc(Mean(results, r => r.BaselineNeighbourAuc)));
        Console.WriteLine();
        Console.WriteLine(table.ToMarkdown("set", "rows", "d", "outliers", "autoencoder AUC", "autoencoder fit s",
            "IF AUC", "5-NN AUC", "sklearn IF", "sklearn KNN5"));

        bool passed = true;
        if (settings.RunReferences)
        {
            double? forestGap = Mean(results, r => Gap(r.ForestAuc, r.BaselineForestAuc));
            double? neighbourGap = Mean(results, r => Gap(r.NeighbourAuc, r.BaselineNeighbourAuc));
            if (forestGap is null || neighbourGap is null)
            {
                Console.WriteLine("harness: no set has a baseline in baselines.md; nothing to check.");
            }
            else
            {
                passed = forestGap <= HarnessTolerance && neighbourGap <= HarnessTolerance;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"harness: |IF - baseline| mean = {forestGap:F3}, |5NN - baseline| mean = {neighbourGap:F3} (must be <= {HarnessTolerance}): {(passed ? "ok" : "FAILED")}"));
            }
        }
        if (settings.CsvPath is { } csv)
        {
            WriteCsv(csv, results);
            Console.WriteLine($"Wrote {csv}");
        }
        return passed;
    }

    private static void WriteCsv(string path, IReadOnlyList<AnomalyDevResult> results)
    {
        var text = new StringBuilder("set,rows,d,outliers,autoencoder_auc,autoencoder_fit_seconds,if_auc,knn5_auc,sklearn_if_auc,sklearn_knn5_auc\n");
        foreach (var r in results)
        {
            text.AppendLine(string.Join(",", r.Set, Number(r.Rows), Number(r.Dimension), Number(r.Outliers), Number(r.DetectorAuc), Number(r.DetectorFitSeconds),
                Number(r.ForestAuc), Number(r.NeighbourAuc), Number(r.BaselineForestAuc), Number(r.BaselineNeighbourAuc)));
        }
        File.WriteAllText(path, text.ToString());
    }

    private static double? Gap(double? measured, double? baseline) => measured is { } m && baseline is { } b ? Math.Abs(m - b) : null;

    private static double? Mean(IEnumerable<AnomalyDevResult> results, Func<AnomalyDevResult, double?> value)
    {
        double[] values = [.. results.Select(value).OfType<double>()];
        return values.Length == 0 ? null : values.Average();
    }

    private static string Auc(double? value) => value is { } v ? v.ToString("F3", CultureInfo.InvariantCulture) : "";

    private static string Seconds(double? value) => value is { } v ? v.ToString("F1", CultureInfo.InvariantCulture) : "";

    private static string Number(double? value) => value is { } v ? v.ToString("R", CultureInfo.InvariantCulture) : "";
}
