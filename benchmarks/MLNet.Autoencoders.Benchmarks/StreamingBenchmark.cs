using System.Diagnostics;
using Microsoft.ML;
using MLNet.Autoencoders.Estimators;
using static TorchSharp.torch;

namespace MLNet.Autoencoders.Benchmarks;

/// <summary>
/// <c>--streaming-rows N [--features 64] [--threads N] [--in-memory]</c>: fits one epoch in <see cref="TrainingDataMode.Streaming"/> (or, with
/// <c>--in-memory</c>, <see cref="TrainingDataMode.InMemory"/> for comparison) on a generated data view of N rows (computed on the
/// fly, never stored) and prints the peak RSS above the RSS before Fit, next to the size of the rows as floats.
/// </summary>
internal static class StreamingBenchmark
{
    public static bool TryRun(string[] args)
    {
        int at = Array.IndexOf(args, "--streaming-rows");
        if (at < 0)
            return false;
        long rows = long.Parse(args[at + 1]);
        int featuresAt = Array.IndexOf(args, "--features");
        int features = featuresAt < 0 ? 64 : int.Parse(args[featuresAt + 1]);
        int threadsAt = Array.IndexOf(args, "--threads");
        int? threads = threadsAt < 0 ? null : int.Parse(args[threadsAt + 1]);
        Run(rows, features, threads, args.Contains("--in-memory") ? TrainingDataMode.InMemory : TrainingDataMode.Streaming);
        return true;
    }

    private static void Run(long rows, int features, int? threads, TrainingDataMode mode)
    {
        var data = new GeneratedRowsView(rows, features);
        var options = new AutoencoderOptions
        {
            LatentDimension = 8, HiddenLayers = [32], Epochs = 1, BatchSize = BenchmarkSettings.BatchSize, LearningRate = 1e-3f, Seed = 1,
            DataMode = mode, NumberOfThreads = threads,
            EpochCompleted = e => Console.Error.WriteLine($"  {e}"),
        };
        Console.WriteLine($"Data: {rows:N0} generated rows x {features} features (row count not reported by the view); network {features}-32-8-32-{features}, {mode}, 1 epoch, batch {options.BatchSize}, shuffle buffer {options.StreamingBufferRows:N0} rows, {threads ?? get_num_threads()} intra-op threads.");

        var ml = new MLContext(seed: 1);
        using (var warm = rand(256, features))
        using (var product = warm.matmul(warm.t()))
            _ = product.sum().item<float>();
        long baseline = ProcessMemory.ResidentBytes();
        var clock = Stopwatch.StartNew();
        Transforms.AutoencoderTransformer model = null!;
        long peak = ProcessMemory.PeakDuring(() => model = ml.Transforms.Autoencoder(options).Fit(data));
        double seconds = clock.Elapsed.TotalSeconds;
        LossCheck.ThrowIfNotFinite($"{mode} fit", model.LossHistory);
        using (model)
        {
            long values = rows * features * sizeof(float);
            var table = new ResultTable();
            table.Add("Fit wall-clock (statistics pass + 1 epoch)", "", $"{seconds:F0} s", "", "");
            table.Add("Rows read from the view (streaming: statistics pass + epoch, validation rows skipped)", "", $"{data.RowsRead:N0}", "", "");
            table.Add("Training loss / validation loss after 1 epoch", "", $"{model.LossHistory[^1].TrainingLoss:F4} / {model.LossHistory[^1].ValidationLoss:F4}", "", "");
            table.Add("Memory: RSS before Fit (runtime, libtorch loaded)", "", ProcessMemory.Megabytes(baseline), "", "");
            table.Add("Memory: peak RSS during Fit above the RSS before it", $"as float[]: {ProcessMemory.Megabytes(values)}",
                ProcessMemory.Megabytes(peak - baseline), $"{(peak - baseline) / (double)values:P1} of the values", mode == TrainingDataMode.Streaming ? "bounded, independent of rows" : "");
            Console.WriteLine();
            Console.WriteLine(table.ToMarkdown("Measure", "Size of the rows", mode.ToString(), "Ratio", "Target"));
        }
    }
}
