using System.Diagnostics;
using Microsoft.ML;
using Microsoft.ML.Data;
using MLNet.Autoencoders.Estimators;
using MLNet.Autoencoders.Transforms;

namespace MLNet.Autoencoders.Benchmarks;

/// <summary>
/// <c>--thread-default [--epochs 3]</c>: times epochs of a small network (the detector's size: 9-18-2-18-9, batch 32, on
/// 50,000 rows) and of a mid-size one (64-256-16-256-64, batch 256, 50,000 rows) on 1 intra-op thread, on every core, and with
/// the library's default (<c>NumberOfThreads = null</c>), first on a quiet machine and then with a busy neighbour process
/// (a shell loop holding one core), and prints the median epoch seconds of each.
/// </summary>
internal static class ThreadDefaultBenchmark
{
    private sealed class Row
    {
        [VectorType(64)]
        public float[] Features { get; set; } = [];
    }

    public static bool TryRun(string[] args)
    {
        if (!args.Contains("--thread-default"))
            return false;
        int at = Array.IndexOf(args, "--epochs");
        int epochs = at < 0 ? 3 : int.Parse(args[at + 1]);
        Run(epochs, args.Contains("--smoke") ? 2_000 : 50_000);
        return true;
    }

    private static void Run(int epochs, int rows)
    {
        var ml = new MLContext(seed: 1);
        var random = new Random(3);
        var wide = ml.Data.Cache(ml.Data.LoadFromEnumerable(Enumerable.Range(0, rows).Select(_ => new Row
        {
            Features = Enumerable.Range(0, 64).Select(_ => (float)random.NextDouble()).ToArray(),
        })));
        var workloads = new (string Name, IDataView Data, Func<int?, AutoencoderOptions> Options)[]
        {
            ("9-18-2-18-9, batch 32 (detector size)", Narrow(ml, wide), threads => new AutoencoderOptions
            {
                InputColumnName = "Features", LatentDimension = 2, HiddenLayers = [18], BatchSize = 32, NumberOfThreads = threads,
            }),
            ("64-256-16-256-64, batch 256", wide, threads => new AutoencoderOptions
            {
                InputColumnName = "Features", LatentDimension = 16, HiddenLayers = [256], BatchSize = 256, NumberOfThreads = threads,
            }),
        };
        Console.WriteLine($"| network | neighbour | 1 thread | {Environment.ProcessorCount} threads | default (null) |");
        Console.WriteLine("|---|---|---:|---:|---:|");
        foreach (bool busy in new[] { false, true })
        {
            using var neighbour = busy ? Process.Start(new ProcessStartInfo("sh", ["-c", "while :; do :; done"])) : null;
            try
            {
            foreach (var (name, data, options) in workloads)
            {
                    var cells = new[] { (int?)1, Environment.ProcessorCount, null }.Select(threads =>
                {
                    var o = options(threads);
                    o.Epochs = epochs;
                    o.Seed = 1;
                    o.ValidationFraction = 0;
                    o.EarlyStoppingPatience = 0;
                    var seconds = new List<double>();
                    o.EpochCompleted = e => seconds.Add(e.Elapsed.TotalSeconds);
                    using var model = ml.Transforms.Autoencoder(o).Fit(data);
                    return $"{seconds.Order().ElementAt(seconds.Count / 2):F2} s";
                }).ToArray();
                Console.WriteLine($"| {name} | {(busy ? "busy" : "quiet")} | {string.Join(" | ", cells)} |");
            }
            }
            finally
            {
                neighbour?.Kill();
            }
        }
    }

    /// <summary>The first 9 features, as the detector-size network's input.</summary>
    private static IDataView Narrow(MLContext ml, IDataView data) =>
        ml.Transforms.CustomMapping<Row, SmallRow>((row, small) => small.Features = row.Features[..9], contractName: null).Fit(data).Transform(data);

    private sealed class SmallRow
    {
        [VectorType(9)]
        public float[] Features { get; set; } = [];
    }
}
