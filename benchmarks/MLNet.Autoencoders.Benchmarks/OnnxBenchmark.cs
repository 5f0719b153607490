using System.Diagnostics;
using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using MLNet.Autoencoders.Estimators;
using MLNet.Autoencoders.Estimators.AnomalyDetection;
using MLNet.Autoencoders.Transforms;
using static TorchSharp.torch;

namespace MLNet.Autoencoders.Benchmarks;

/// <summary>
/// <c>--onnx [--onnx-rows 10000] [--epochs 1]</c>: scoring throughput of an exported model in ONNX Runtime against the
/// transformer's <c>Transform</c> + cursor with TorchSharp, same rows, same process, same thread count, for the dense
/// benchmark network (784-256-64-256-784 on Fashion-MNIST) and the anomaly detector (default ensemble of 5, 64 features).
/// ONNX Runtime is fed batches of the transformer's scoring batch size and every output is copied out, as the cursor
/// reads every column; ApplyOnnxModel + cursor (one ONNX Runtime call per row) is timed too. 8 interleaved rounds, the
/// first 2 as warm-up, the best of the others (ApplyOnnxModel in every third round only: it is the slow one).
/// </summary>
internal static class OnnxBenchmark
{
    private sealed class Row
    {
        [VectorType(64)]
        public float[] Features { get; set; } = [];
    }

    public static bool TryRun(string[] args)
    {
        if (!args.Contains("--onnx"))
            return false;
        int rows = Option(args, "--onnx-rows", 10_000);
        int epochs = Option(args, "--epochs", 1);
        Run(rows, epochs);
        return true;
    }

    private static void Run(int rows, int epochs)
    {
        int threads = get_num_threads();
        Console.WriteLine($"ONNX Runtime vs TorchSharp scoring, {rows:N0} rows, {threads} intra-op threads each, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, "
            + $"load average {LoadAverage()}.");
        Console.WriteLine("| model | TorchSharp Transform + cursor | ONNX Runtime InferenceSession | ratio | ApplyOnnxModel + cursor | ratio |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|");
        var ml = new MLContext(seed: 1);
        string folder = Directory.CreateTempSubdirectory("onnx-benchmark").FullName;
        try
        {
            var workload = Workload.Load(maxTrainRows: Math.Max(rows, 1_000));
            var images = ml.Data.Cache(ml.Data.LoadFromEnumerable(ImageRow.From(workload.Train, workload.TrainRows)));
            using (var dense = ml.Transforms.Autoencoder(new AutoencoderOptions
            {
                LatentDimension = 64, HiddenLayers = [256], Activation = Activation.Relu, OutputActivation = OutputActivation.Sigmoid,
                Scaling = InputScaling.None, ValidationFraction = 0, EarlyStoppingPatience = 0, Epochs = epochs, Seed = 1,
            }).Fit(images))
            {
                string path = Path.Combine(folder, "dense.onnx");
                dense.ExportToOnnx(path);
                Compare(ml, "784-256-64-256-784 autoencoder", dense, path, Take(ml, images, rows), dense.ScoringBatchSize, threads);
            }

            var random = new Random(3);
            var table = ml.Data.Cache(ml.Data.LoadFromEnumerable(Enumerable.Range(0, rows).Select(_ => new Row
            {
                Features = Enumerable.Range(0, 64).Select(j => (float)(Math.Sin(j * random.NextDouble()) + 0.1 * random.NextDouble())).ToArray(),
            })));
            using var detector = ml.AnomalyDetection.Trainers.Autoencoder(new AutoencoderAnomalyOptions
            {
                Epochs = epochs, Seed = 1, FeatureErrorsColumnName = "FeatureErrors",
            }).Fit(table);
            string detectorPath = Path.Combine(folder, "detector.onnx");
            detector.ExportToOnnx(detectorPath);
            Compare(ml, $"anomaly detector, {detector.EnsembleSize} x {detector.Architecture}", detector, detectorPath, table, detector.ScoringBatchSize, threads);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static IDataView Take(MLContext ml, IDataView data, int rows) => ml.Data.Cache(ml.Data.TakeRows(data, rows));

    private static void Compare(MLContext ml, string name, ITransformer transformer, string path, IDataView data, int batchSize, int threads)
    {
        var outputs = transformer.GetOutputSchema(data.Schema).Skip(data.Schema.Count).Select(c => c.Name).ToArray();
        float[][] rows = [.. data.GetColumn<VBuffer<float>>("Features").Select(v => v.DenseValues().ToArray())];
        using var options = new SessionOptions { GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL, IntraOpNumThreads = threads };
        using var session = new InferenceSession(path, options);
        using var applied = ml.Transforms.ApplyOnnxModel(path).Fit(data);

        // Interleaved rounds, the best of each: on a shared machine the load drifts, and the fastest pass is the least disturbed.
        double torch = double.MaxValue, onnx = double.MaxValue, perRow = double.MaxValue;
        for (int round = 0; round < 8; round++)
        {
            double torchRound = Seconds(() => ReadAll(transformer.Transform(data), outputs));
            double onnxRound = Seconds(() => RunSession(session, rows, batchSize));
            double perRowRound = round % 3 == 2 ? Seconds(() => ReadAll(applied.Transform(data), outputs)) : double.MaxValue;
            if (round < 2)
                continue;
            torch = Math.Min(torch, torchRound);
            onnx = Math.Min(onnx, onnxRound);
            perRow = Math.Min(perRow, perRowRound);
        }
        double torchRate = rows.Length / torch, onnxRate = rows.Length / onnx, perRowRate = rows.Length / perRow;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {name} | {torchRate:N0} rows/s | {onnxRate:N0} rows/s | {onnxRate / torchRate:F2}x | {perRowRate:N0} rows/s | {perRowRate / torchRate:F2}x |"));
    }

    private static double Seconds(Action run)
    {
        var clock = Stopwatch.StartNew();
        run();
        return clock.Elapsed.TotalSeconds;
    }

    /// <summary>Reads every value of <paramref name="columns"/> (vectors, floats or bools) through one cursor.</summary>
    private static void ReadAll(IDataView scored, string[] columns)
    {
        var schema = scored.Schema;
        using var cursor = scored.GetRowCursor(columns.Select(c => schema[c]));
        var readers = columns.Select(c => Reader(cursor, schema[c])).ToArray();
        while (cursor.MoveNext())
        {
            foreach (var read in readers)
                read();
        }
    }

    private static Action Reader(DataViewRowCursor cursor, DataViewSchema.Column column)
    {
        if (column.Type is VectorDataViewType { ItemType: BooleanDataViewType })
        {
            var getter = cursor.GetGetter<VBuffer<bool>>(column);
            VBuffer<bool> value = default;
            return () => getter(ref value);
        }
        if (column.Type is VectorDataViewType)
        {
            var getter = cursor.GetGetter<VBuffer<float>>(column);
            VBuffer<float> value = default;
            return () => getter(ref value);
        }
        if (column.Type is BooleanDataViewType)
        {
            var getter = cursor.GetGetter<bool>(column);
            bool value = false;
            return () => getter(ref value);
        }
        var single = cursor.GetGetter<float>(column);
        float number = 0;
        return () => single(ref number);
    }

    /// <summary>Scores <paramref name="rows"/> in batches of <paramref name="batchSize"/>, copying every output out.</summary>
    private static void RunSession(InferenceSession session, float[][] rows, int batchSize)
    {
        string input = session.InputMetadata.Keys.Single();
        int size = rows[0].Length;
        var buffer = new float[batchSize * size];
        for (int start = 0; start < rows.Length; start += batchSize)
        {
            int count = Math.Min(batchSize, rows.Length - start);
            for (int i = 0; i < count; i++)
                rows[start + i].CopyTo(buffer, i * size);
            var tensor = new DenseTensor<float>(buffer.AsMemory(0, count * size), [count, size]);
            using var results = session.Run([NamedOnnxValue.CreateFromTensor(input, tensor)]);
            foreach (var result in results)
            {
                _ = result.ElementType == TensorElementType.Bool ? result.AsTensor<bool>().ToArray().Length : result.AsTensor<float>().ToArray().Length;
            }
        }
    }

    /// <summary>The 1-minute load average from /proc/loadavg, or "unknown" where there is none.</summary>
    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "unknown";

    private static int Option(string[] args, string name, int fallback)
    {
        int at = Array.IndexOf(args, name);
        return at < 0 ? fallback : int.Parse(args[at + 1], CultureInfo.InvariantCulture);
    }
}
