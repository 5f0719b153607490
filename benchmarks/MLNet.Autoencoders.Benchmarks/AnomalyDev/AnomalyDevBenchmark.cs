using System.Globalization;
using System.Diagnostics;
using static TorchSharp.torch;

namespace MLNet.Autoencoders.Benchmarks.AnomalyDev;

/// <summary>
/// <c>--anomaly-dev [--sets crabs,thyroid] [--seeds 1] [--detector-only | --references-only] [--csv out.csv] [--epochs N] [--ensemble-size N]</c>:
/// runs the anomaly-dev collection (<c>Data/anomaly-dev</c>, copied from the repository) and prints, per set, the
/// autoencoder detector's ROC AUC and fit time next to two references computed in the same process, an isolation
/// forest and the 5-NN distance, and scikit-learn's AUCs of those two from <c>baselines.md</c>. The references must
/// agree with scikit-learn within <see cref="AnomalyDevReport.HarnessTolerance"/> on average (the harness check); the
/// process exits with code 1 when they do not.
/// </summary>
internal static class AnomalyDevBenchmark
{
    /// <summary>Runs the benchmark when <paramref name="args"/> hold <see cref="AnomalyDevSettings.Flag"/>; returns whether it did.</summary>
    public static bool TryRun(string[] args)
    {
        if (!args.Contains(AnomalyDevSettings.Flag))
            return false;
        var settings = AnomalyDevSettings.Parse(args);
        var results = Run(settings, settings.RunDetector ? AutoencoderDetector.Create(settings.DetectorOptions) : null);
        if (!AnomalyDevReport.Print(results, settings))
            Environment.ExitCode = 1;
        return true;
    }

    /// <summary>
    /// Measures every set of <paramref name="settings"/>: <paramref name="detector"/> (skipped when null) and, when asked,
    /// the references. Progress goes to standard error.
    /// </summary>
    public static IReadOnlyList<AnomalyDevResult> Run(AnomalyDevSettings settings, Func<AnomalySet, int, DetectorOutcome>? detector)
    {
        var baselines = BaselineTable.Load(Path.Combine(settings.DataFolder, "baselines.md"));
        int[] seeds = [.. Enumerable.Range(1, settings.Seeds)];
        Console.WriteLine($"anomaly-dev: {settings.DataFolder}; seeds {string.Join(", ", seeds)}; {get_num_threads()} intra-op threads; " +
            (detector is null ? "references only." : $"detector: {settings.DetectorOptions().Epochs} epochs, ensemble of {settings.DetectorOptions().EnsembleSize}, {settings.DetectorOptions().NumberOfNeighbors}-NN distances" +
            (settings.RunReferences ? "; references: isolation forest (100 trees, 256-row subsamples) and 5-NN distance." : ".")));
        var results = new List<AnomalyDevResult>();
        foreach (string path in settings.SetPaths())
        {
            var set = AnomalySet.Load(path);
            double? detectorAuc = null, fitSeconds = null, forestAuc = null, neighbourAuc = null;
            if (detector is not null)
            {
                var outcomes = seeds.Select(seed => detector(set, seed)).ToList();
                if (settings.ScoresFolder is { } folder)
                    WriteScores(folder, set, seeds, outcomes);
                detectorAuc = outcomes.Average(o => RocAuc.Compute(o.Scores, set.Labels));
                fitSeconds = outcomes.Average(o => o.FitTime.TotalSeconds);
            }
            if (settings.RunReferences)
            {
                var clock = Stopwatch.StartNew();
                forestAuc = seeds.Average(seed => RocAuc.Compute(IsolationForest.Fit(set, seed).Score(set), set.Labels));
                double forestSeconds = clock.Elapsed.TotalSeconds;
                clock.Restart();
                neighbourAuc = RocAuc.Compute(NearestNeighbourDistance.Score(set), set.Labels);
                Console.Error.WriteLine($"  {set.Name}: isolation forest {forestSeconds:F1} s, 5-NN {clock.Elapsed.TotalSeconds:F1} s");
            }
            var baseline = baselines.Find(set.Name);
            var result = new AnomalyDevResult(set.Name, set.Rows, set.Dimension, set.Outliers, detectorAuc, fitSeconds, forestAuc, neighbourAuc,
                baseline?.IsolationForest, baseline?.NearestNeighbours);
            Console.Error.WriteLine($"  {result}");
            results.Add(result);
        }
        return results;
    }

    /// <summary>Writes each seed's scores as "&lt;set&gt;.seed&lt;k&gt;.csv": a header, then the label and the score of every row.</summary>
    private static void WriteScores(string folder, AnomalySet set, int[] seeds, IReadOnlyList<DetectorOutcome> outcomes)
    {
        Directory.CreateDirectory(folder);
        for (int s = 0; s < seeds.Length; s++)
        {
            var lines = outcomes[s].Scores.Select((score, row) => $"{(set.Labels[row] ? 1 : 0)},{score.ToString("R", CultureInfo.InvariantCulture)}");
            File.WriteAllLines(Path.Combine(folder, $"{set.Name}.seed{seeds[s]}.csv"), lines.Prepend("label,score"));
        }
    }
}
