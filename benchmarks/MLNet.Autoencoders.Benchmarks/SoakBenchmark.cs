using System.Diagnostics;
using System.Runtime.InteropServices;
using Microsoft.ML;
using Microsoft.ML.Data;
using MLNet.Autoencoders.Estimators;
using MLNet.Autoencoders.Estimators.AnomalyDetection;
using MLNet.Autoencoders.Estimators.Clustering;
using MLNet.Autoencoders.Transforms.AnomalyDetection;
using MLNet.Autoencoders.Transforms;
using MLNet.Autoencoders.Transforms.Networks;
using MLNet.Autoencoders.Transforms.Clustering;
using MLNet.Autoencoders.Transforms.Supervised;

namespace MLNet.Autoencoders.Benchmarks;

/// <summary>
/// <c>--soak-minutes M [--soak-rows 600]</c>: fits the anomaly detector and every estimator (paired targets, the multiclass and the clustering trainers included) over and over, on small generated
/// data, while another thread forces full garbage collections and runs finalizers in a loop, then scores every row; prints the
/// count of fits, optimiser steps, native (libtorch) errors and non-finite outputs. Goal: 0 errors. Not run in CI (long).
/// </summary>
internal static class SoakBenchmark
{
    private sealed class Row
    {
        [VectorType(FeatureCount)]
        public float[] Features { get; set; } = [];

        /// <summary>A paired target: the first features squared (for <c>TargetColumnName</c>).</summary>
        [VectorType(TargetCount)]
        public float[] Target { get; set; } = [];

        /// <summary>A class from the row's position on the generating curve; empty (unlabelled) for every fourth row.</summary>
        public string Label { get; set; } = "";
    }

    private const int FeatureCount = 64;
    private const int TargetCount = 16;

    public static bool TryRun(string[] args)
    {
        int at = Array.IndexOf(args, "--soak-minutes");
        if (at < 0)
            return false;
        double minutes = double.Parse(args[at + 1], System.Globalization.CultureInfo.InvariantCulture);
        int rowsAt = Array.IndexOf(args, "--soak-rows");
        Run(TimeSpan.FromMinutes(minutes), rowsAt < 0 ? 600 : int.Parse(args[rowsAt + 1]));
        return true;
    }

    private static void Run(TimeSpan duration, int rowCount)
    {
        var random = new Random(1);
        var rows = Enumerable.Range(0, rowCount).Select(_ =>
        {
            double t = random.NextDouble(), s = random.NextDouble();
            var features = Enumerable.Range(0, FeatureCount).Select(j => (float)(Math.Sin(t * j) + s * Math.Cos(j) + 0.05 * random.NextDouble())).ToArray();
            string label = random.Next(4) == 0 ? "" : t < 0.33 ? "low" : t < 0.67 ? "middle" : "high";
            return new Row { Features = features, Target = [.. features.Take(TargetCount).Select(v => v * v)], Label = label };
        }).ToArray();
        var ml = new MLContext(seed: 1);
        var loaded = ml.Data.LoadFromEnumerable(rows);
        var data = ml.Data.Cache(ml.Transforms.Conversion.MapValueToKey("Label").Fit(loaded).Transform(loaded));
        var fits = new (string Name, int BatchSize, Func<int, ITransformer> Fit)[]
        {
            ("anomaly detector", 32, seed => ml.AnomalyDetection.Trainers.Autoencoder(new AutoencoderAnomalyOptions { Epochs = 20, Seed = seed }).Fit(data)),
            ("dense, denoising + sparse, LeakyRelu", 16, seed => ml.Transforms.Autoencoder(new AutoencoderOptions
                { LatentDimension = 4, Epochs = 20, BatchSize = 16, Noise = NoiseKind.Gaussian, SparsityWeight = 0.01f, Activation = Activation.LeakyRelu, Seed = seed }).Fit(data)),
            ("variational, Elu", 16, seed => ml.Transforms.VariationalAutoencoder(new VariationalAutoencoderOptions
                { LatentDimension = 2, Epochs = 20, BatchSize = 16, Activation = Activation.Elu, Seed = seed }).Fit(data)),
            ("convolutional 8x8", 16, seed => ml.Transforms.ConvolutionalAutoencoder(new ConvolutionalAutoencoderOptions
                { ImageShape = new ImageShape(1, 8, 8), Channels = [8, 16], LatentDimension = 4, Epochs = 5, BatchSize = 16, Seed = seed }).Fit(data)),
            ("convolutional variational 8x8", 16, seed => ml.Transforms.ConvolutionalVariationalAutoencoder(new ConvolutionalVariationalAutoencoderOptions
                { ImageShape = new ImageShape(1, 8, 8), Channels = [8, 16], LatentDimension = 4, Epochs = 5, BatchSize = 16, Seed = seed }).Fit(data)),
            ("dense, paired target", 16, seed => ml.Transforms.Autoencoder(new AutoencoderOptions
                { TargetColumnName = "Target", LatentDimension = 4, Epochs = 20, BatchSize = 16, Seed = seed }).Fit(data)),
            ("multiclass, semi-supervised", 16, seed => ml.MulticlassClassification.Trainers.Autoencoder(new AutoencoderMulticlassOptions
                { LatentDimension = 4, Epochs = 20, BatchSize = 16, Seed = seed }).Fit(data)),
            ("clustering (IDEC)", 16, seed => ml.Clustering.Trainers.Autoencoder(new AutoencoderClusteringOptions
                { NumberOfClusters = 3, LatentDimension = 4, PretrainingEpochs = 10, ClusteringEpochs = 10, BatchSize = 16, Seed = seed }).Fit(data)),
        };

        long collections = 0, steps = 0, runs = 0, nativeErrors = 0, otherErrors = 0, nonFinite = 0;
        bool stopping = false;
        var collector = new Thread(() =>
        {
            while (!Volatile.Read(ref stopping))
            {
                GC.Collect();
                GC.WaitForPendingFinalizers();
                Interlocked.Increment(ref collections);
            }
        }) { IsBackground = true };
        collector.Start();
        var clock = Stopwatch.StartNew();
        Console.WriteLine($"Soak: {duration.TotalMinutes:G3} minutes of fits on {rowCount} rows x {FeatureCount} features, forced GCs alongside.");
        while (clock.Elapsed < duration)
        {
            var (name, batchSize, fit) = fits[runs % fits.Length];
            try
            {
                using var model = (IDisposable)fit((int)runs);
                var scored = ((ITransformer)model).Transform(data);
                nonFinite += NonFiniteOutputs(scored);
                steps += Epochs(model) * (long)Math.Ceiling(rowCount * 0.9 / batchSize);
            }
            catch (Exception e) when (e is ExternalException || e.InnerException is ExternalException)
            {
                nativeErrors++;
                Console.WriteLine($"  run {runs} ({name}): native error: {e.Message.Split('\n')[0]}");
            }
            catch (Exception e)
            {
                otherErrors++;
                Console.WriteLine($"  run {runs} ({name}): {e.GetType().Name}: {e.Message.Split('\n')[0]}");
            }
            runs++;
        }
        Volatile.Write(ref stopping, true);
        collector.Join();
        Console.WriteLine($"| runs | optimiser steps (about) | forced GCs | native errors | other errors | non-finite outputs | minutes |");
        Console.WriteLine($"|---:|---:|---:|---:|---:|---:|---:|");
        Console.WriteLine($"| {runs:N0} | {steps:N0} | {collections:N0} | {nativeErrors} | {otherErrors} | {nonFinite} | {clock.Elapsed.TotalMinutes:F1} |");
        if (nativeErrors + otherErrors + nonFinite > 0)
            Environment.ExitCode = 1;
    }

    /// <summary>
    /// The non-finite values among a scored view's main output: the detector's scalar score, the autoencoders' (and the
    /// classifier's) per-row error, the clustering model's distances to every centre.
    /// </summary>
    private static long NonFiniteOutputs(IDataView scored)
    {
        if (scored.Schema.GetColumnOrNull("Score")?.Type == NumberDataViewType.Single)
            return scored.GetColumn<float>("Score").Count(v => !float.IsFinite(v));
        if (scored.Schema.GetColumnOrNull("ReconstructionError") is not null)
            return scored.GetColumn<float>("ReconstructionError").Count(v => !float.IsFinite(v));
        return scored.GetColumn<VBuffer<float>>("Score").Sum(v => v.DenseValues().Count(x => !float.IsFinite(x)));
    }

    /// <summary>The epochs every network of a fitted model ran (each detector member's too).</summary>
    private static long Epochs(object model) => model switch
    {
        AutoencoderAnomalyTransformer detector => detector.LossHistories.Sum(h => (long)h.Count),
        AutoencoderTransformer autoencoder => autoencoder.LossHistory.Count,
        AutoencoderMulticlassTransformer classifier => classifier.LossHistory.Count,
        AutoencoderClusteringTransformer clustering => clustering.PretrainingLossHistory.Count + (long)clustering.ClusteringLossHistory.Count,
        _ => 0,
    };
}
