using System.Diagnostics;
using Microsoft.ML;
using Microsoft.ML.Data;
using MLNet.Autoencoders.Estimators;
using MLNet.Autoencoders.Transforms;
using MLNet.Autoencoders.Transforms.Networks;
using static TorchSharp.torch;

namespace MLNet.Autoencoders.Benchmarks;

/// <summary>
/// <c>--conv-rows N [--epochs 2] [--heap-defaults]</c>: fits a convolutional autoencoder whose activations are tens of megabytes per batch
/// (28x28 Fashion-MNIST, max pooling, 32 and 64 channels, nearest-neighbour upsampling, batch 256) and prints each epoch's
/// wall-clock, user and system CPU seconds and the peak RSS: system time is where the kernel zeroes pages for buffers
/// the allocator maps and unmaps every batch. <c>--heap-defaults</c> sets the library's AppContext switch that leaves
/// glibc's heap settings alone, for comparison.
/// </summary>
internal static class ConvolutionalBenchmark
{
    public static bool TryRun(string[] args)
    {
        int at = Array.IndexOf(args, "--conv-rows");
        if (at < 0)
            return false;
        if (args.Contains("--heap-defaults"))
            AppContext.SetSwitch("MLNet.Autoencoders.DisableNativeHeapTuning", true);
        int epochsAt = Array.IndexOf(args, "--epochs");
        Run(int.Parse(args[at + 1]), epochsAt < 0 ? 2 : int.Parse(args[epochsAt + 1]));
        return true;
    }

    private static void Run(int rows, int epochs)
    {
        var workload = Workload.Load(rows);
        var ml = new MLContext(seed: 1);
        var train = ml.Data.Cache(ml.Data.LoadFromEnumerable(ImageRow.From(workload.Train, workload.TrainRows)));
        _ = train.GetColumn<float[]>("Features").Count();
        var times = new List<(double Wall, double User, double System)>();
        var last = ProcessMemory.CpuTimes();
        var options = new ConvolutionalAutoencoderOptions
        {
            ImageShape = new ImageShape(1, 28, 28), Channels = [32, 64], LatentDimension = 32,
            Downsampling = ConvolutionalDownsampling.MaxPooling, Upsampling = ConvolutionalUpsampling.NearestNeighbor,
            Scaling = InputScaling.None, OutputActivation = OutputActivation.Sigmoid, Epochs = epochs, BatchSize = BenchmarkSettings.BatchSize,
            LearningRate = (float)BenchmarkSettings.LearningRate, ValidationFraction = 0, EarlyStoppingPatience = 0, Seed = 1,
            EpochCompleted = e =>
            {
                var now = ProcessMemory.CpuTimes();
                times.Add((e.Elapsed.TotalSeconds, now.User - last.User, now.System - last.System));
                last = now;
                Console.Error.WriteLine($"  {e}: {times[^1].User:F1} s user, {times[^1].System:F1} s system, RSS {ProcessMemory.Megabytes(ProcessMemory.ResidentBytes())}");
            },
        };
        Console.WriteLine($"Data: {workload.TrainRows:N0} images from {workload.Source}; conv 32-64 max pooling, nearest upsampling, batch {options.BatchSize}, {epochs} epochs, {get_num_threads()} intra-op threads.");
        AppContext.TryGetSwitch("MLNet.Autoencoders.DisableNativeHeapTuning", out bool heapDefaults);
        Console.WriteLine($"Library heap tuning {(heapDefaults ? "off (glibc defaults)" : "on")}; MALLOC_MMAP_MAX_={Environment.GetEnvironmentVariable("MALLOC_MMAP_MAX_") ?? "(unset)"}, MALLOC_TRIM_THRESHOLD_={Environment.GetEnvironmentVariable("MALLOC_TRIM_THRESHOLD_") ?? "(unset)"}");
        long baseline = ProcessMemory.ResidentBytes();
        AutoencoderTransformer model = null!;
        long peak = ProcessMemory.PeakDuring(() => model = ml.Transforms.ConvolutionalAutoencoder(options).Fit(train));
        LossCheck.ThrowIfNotFinite("library conv fit", model.LossHistory);
        model.Dispose();
        Console.WriteLine($"Library, epochs after the first: {Summary(times)}; peak RSS {ProcessMemory.Megabytes(peak - baseline)} above the " +
            $"{ProcessMemory.Megabytes(baseline)} before Fit (data {ProcessMemory.Megabytes(workload.TrainBytes)}).");

        // The same network written by hand, in the same process after the fit (whose heap settings end with it).
        using var reference = new HandWrittenConvolutionalAutoencoder(seed: 1);
        using var pixels = tensor(workload.Train, [workload.TrainRows, Workload.Pixels]);
        var referenceTimes = reference.Train(pixels, epochs, BenchmarkSettings.BatchSize, BenchmarkSettings.LearningRate);
        Console.WriteLine($"Hand-written loop, epochs after the first: {Summary(referenceTimes)}.");
        Console.WriteLine($"Library / hand-written epoch wall-clock time: {Steady(times).Average(t => t.Wall) / Steady(referenceTimes).Average(t => t.Wall):F2}x.");
    }

    private static (double Wall, double User, double System)[] Steady(List<(double Wall, double User, double System)> times) =>
        times.Skip(1).DefaultIfEmpty(times[0]).ToArray();

    private static string Summary(List<(double Wall, double User, double System)> times)
    {
        var steady = Steady(times);
        return $"{steady.Average(t => t.Wall):F2} s wall, {steady.Average(t => t.User):F2} s user, {steady.Average(t => t.System):F2} s system on average";
    }
}
