using System.Diagnostics;
using Microsoft.ML;
using Microsoft.ML.Data;
using MLNet.Autoencoders.Benchmarks;
using MLNet.Autoencoders.Benchmarks.AnomalyDev;
using MLNet.Autoencoders.Benchmarks.Clustering;
using MLNet.Autoencoders.Estimators;
using MLNet.Autoencoders.Transforms;
using static TorchSharp.torch;

// Compares MLNet.Autoencoders with a hand-written TorchSharp loop in the same process, on the same data,
// network and thread count, and prints a markdown table of ratios. Usage:
//   dotnet run -c Release --project benchmarks/MLNet.Autoencoders.Benchmarks -- [--epochs 3] [--rows 60000]
//       [--passes 1000] [--transform-rows 10000] [--engine-rows 2000]
// or, for streaming training's memory on a generated data view of N rows (see StreamingBenchmark):
//   dotnet run -c Release --project benchmarks/MLNet.Autoencoders.Benchmarks -- --streaming-rows 3000000 [--features 64]
// or the convolutional autoencoder's epoch time and memory (see ConvolutionalBenchmark): -- --conv-rows 60000 [--epochs 2]
// or the anomaly detector on the anomaly-dev collection, with an isolation forest and a 5-NN distance as references
// (see AnomalyDev/AnomalyDevBenchmark): -- --anomaly-dev [--sets crabs,thyroid] [--seeds 3] [--references-only | --detector-only]
// or a soak of every estimator under forced GCs (see SoakBenchmark): -- --soak-minutes 10
// or the default thread count against 1 and all cores, quiet and with a busy neighbour (see ThreadDefaultBenchmark): -- --thread-default
// or exported ONNX models in ONNX Runtime against Transform + cursor with TorchSharp (see OnnxBenchmark): -- --onnx [--onnx-rows 10000]
// or clustering quality against k-means, PCA and autoencoder + k-means (see Clustering/ClusteringBenchmark): -- --clustering [--seeds 5]
if (SoakBenchmark.TryRun(args) || ThreadDefaultBenchmark.TryRun(args) || StreamingBenchmark.TryRun(args) || ConvolutionalBenchmark.TryRun(args)
    || AnomalyDevBenchmark.TryRun(args) || OnnxBenchmark.TryRun(args) || ClusteringBenchmark.TryRun(args))
    return;
var settings = BenchmarkSettings.Parse(args);
var workload = Workload.Load(settings.MaxTrainRows);
var table = new ResultTable();
Console.WriteLine($"Data: {workload.TrainRows:N0} training and {workload.TestRows:N0} test images from {workload.Source}.");
Console.WriteLine($"Network: 784-256-64-256-784, ReLU, sigmoid output, MSE, Adam lr {BenchmarkSettings.LearningRate}, batch {BenchmarkSettings.BatchSize}, {settings.Epochs} epochs, {get_num_threads()} intra-op threads.");

var ml = new MLContext(seed: 1);
var train = ml.Data.LoadFromEnumerable(ImageRow.From(workload.Train, workload.TrainRows));
var test = ml.Data.LoadFromEnumerable(ImageRow.From(workload.Test, workload.TestRows));
train = ml.Data.Cache(train);
// The test rows too: scoring reads them from the cache, as the raw loop reads them from a tensor, so that the
// comparison measures the transformer, not LoadFromEnumerable re-creating 784-float arrays on every pass.
test = ml.Data.Cache(test);
_ = test.GetColumn<VBuffer<float>>("Features").Count();

// Training: the library first, in a process that has not yet trained anything, so its RSS peak is its own.
// Each epoch is timed in wall-clock seconds and in process CPU seconds: on a shared machine the CPU time
// is the steadier of the two, since it does not count the time other processes hold the cores.
var libraryEpochs = new List<(double Wall, double Cpu)>();
double epochStartCpu = 0;
var options = new AutoencoderOptions
{
    LatentDimension = 64, HiddenLayers = [256], Activation = Activation.Relu, OutputActivation = OutputActivation.Sigmoid,
    Scaling = InputScaling.None, ValidationFraction = 0, EarlyStoppingPatience = 0, Epochs = settings.Epochs,
    BatchSize = BenchmarkSettings.BatchSize, LearningRate = (float)BenchmarkSettings.LearningRate, Seed = 1,
    EpochCompleted = e =>
    {
        double cpu = ProcessMemory.CpuSeconds();
        libraryEpochs.Add((e.Elapsed.TotalSeconds, cpu - epochStartCpu));
        epochStartCpu = cpu;
        Console.Error.WriteLine($"  library: {e}, {libraryEpochs[^1].Cpu:F2} CPU s, RSS {ProcessMemory.Megabytes(ProcessMemory.ResidentBytes())}");
    },
};
// Fill the cache before the baseline: the RSS of the cached training rows belongs to the data, not to Fit.
_ = train.GetColumn<VBuffer<float>>("Features").Count();
// Load libtorch and warm its thread pool before the baseline, so that the RSS of its mapped code does not count as Fit's.
using (var warm = rand(256, Workload.Pixels))
using (var product = warm.matmul(warm.t()))
    _ = product.sum().item<float>();
long baseline = ProcessMemory.ResidentBytes();
Console.Error.WriteLine($"  RSS before Fit: {ProcessMemory.Megabytes(baseline)}");
AutoencoderTransformer model = null!;
var fitClock = Stopwatch.StartNew();
long fitPeak = ProcessMemory.PeakDuring(() =>
{
    epochStartCpu = ProcessMemory.CpuSeconds();
    model = ml.Transforms.Autoencoder(options).Fit(train);
});
double fitSeconds = fitClock.Elapsed.TotalSeconds;
LossCheck.ThrowIfNotFinite("library fit", model.LossHistory);

using var reference = new HandWrittenAutoencoder(seed: 1);
using var trainTensor = tensor(workload.Train, [workload.TrainRows, Workload.Pixels]);
using var testTensor = tensor(workload.Test, [workload.TestRows, Workload.Pixels]);
ProcessMemory.TrimNativeHeap();
long referenceBaseline = ProcessMemory.ResidentBytes();
List<(double Wall, double Cpu)> referenceEpochs = null!;
long referencePeak = ProcessMemory.PeakDuring(() =>
    referenceEpochs = reference.Train(trainTensor, settings.Epochs, BenchmarkSettings.BatchSize, BenchmarkSettings.LearningRate));

double libraryEpoch = Median(libraryEpochs.Select(e => e.Wall)), referenceEpoch = Median(referenceEpochs.Select(e => e.Wall));
double libraryCpu = Median(libraryEpochs.Select(e => e.Cpu)), referenceCpu = Median(referenceEpochs.Select(e => e.Cpu));
table.Add("Training: median epoch CPU seconds (all threads)", $"{referenceCpu:F2} s", $"{libraryCpu:F2} s", $"{libraryCpu / referenceCpu:F2}x CPU", "<= 1.10x");
table.Add("Training: median epoch wall-clock seconds", $"{referenceEpoch:F2} s", $"{libraryEpoch:F2} s", $"{libraryEpoch / referenceEpoch:F2}x time", "<= 1.10x");
table.Add("Training: whole Fit (reads the IDataView, scales, trains)", "", $"{fitSeconds:F1} s", "", "");
long dataAndModel = workload.TrainBytes + reference.ParameterCount * sizeof(float); // same architecture
table.Add($"Memory: peak RSS during training above the RSS before it (data + model: {ProcessMemory.Megabytes(dataAndModel)})",
    $"{ProcessMemory.Megabytes(referencePeak - referenceBaseline)} (tensor built before)", $"{ProcessMemory.Megabytes(fitPeak - baseline)} (whole Fit)",
    $"{(fitPeak - baseline) / (double)dataAndModel:F2}x data + model", "<= 2x");

// Quality alongside.
var (_, referenceTestError) = reference.Score(testTensor, 1024);
double libraryTestError = Columns.MeanError(model.Transform(test));
LossCheck.ThrowIfNotFinite("hand-written loop: test MSE", referenceTestError);
LossCheck.ThrowIfNotFinite("library: test MSE", libraryTestError);
table.Add($"Quality: test MSE after {settings.Epochs} epochs", $"{referenceTestError:F4}", $"{libraryTestError:F4}", "", "");
double pcaError = PcaBaseline.TestMeanSquaredError(ml, train, test, rank: 64);
table.Add("Quality: test MSE of ML.NET PCA, rank 64", "", $"{pcaError:F4}", "", "");

// Scoring throughput on the test rows.
// Five warm-up rounds (tiered JIT compiles the hot paths of both after some calls), then five interleaved measured
// rounds, the best of each: on a shared machine the fastest pass is the one least disturbed.
double rawSeconds = double.MaxValue, cursorSeconds = double.MaxValue;
for (int round = 0; round < 10; round++)
{
    double raw = reference.Score(testTensor, 1024).Seconds, cursor = Columns.TimeFullCursor(model.Transform(test));
    if (round < 5)
        continue;
    rawSeconds = Math.Min(rawSeconds, raw);
    cursorSeconds = Math.Min(cursorSeconds, cursor);
}
double rawRate = workload.TestRows / rawSeconds;
double cursorRate = workload.TestRows / cursorSeconds;
table.Add("Scoring: rows/s, batched no_grad forward vs Transform + cursor (3 columns)", $"{rawRate:N0}", $"{cursorRate:N0}", $"{cursorRate / rawRate:F2}x throughput", ">= 0.67x");
var engine = ml.Model.CreatePredictionEngine<ImageRow, ImageScores>(model);
var engineRows = ImageRow.From(workload.Test, Math.Min(settings.EngineRows, workload.TestRows)).ToArray();
// Per-row paths: one warm-up pass each, then the best of three interleaved passes.
double engineRate = 0, oneRowRate = 0;
for (int round = 0; round < 4; round++)
{
    var engineClock = Stopwatch.StartNew();
    foreach (var row in engineRows)
        engine.Predict(row);
    double engineRound = engineRows.Length / engineClock.Elapsed.TotalSeconds;
    double oneRowRound = reference.OneRowAtATimeRate(workload.Test, engineRows.Length);
    if (round == 0)
        continue;
    engineRate = Math.Max(engineRate, engineRound);
    oneRowRate = Math.Max(oneRowRate, oneRowRound);
}
table.Add("Scoring: rows/s, PredictionEngine one row at a time vs Transform + cursor", $"{engineRate:N0}", $"{cursorRate:N0}", $"{cursorRate / engineRate:F1}x throughput", ">= 20x");
table.Add("Scoring: rows/s, one row at a time: raw 1-row no_grad forward vs PredictionEngine", $"{oneRowRate:N0}", $"{engineRate:N0}", $"{engineRate / oneRowRate:F2}x throughput", "");
table.Add("Scoring: batched over one-row forward, raw (the most any per-row API can be beaten by)", $"{rawRate / oneRowRate:F1}x", "", "", "");

// Memory over repeated transforms.
var transformRows = ml.Data.TakeRows(test, settings.TransformRows);
ProcessMemory.TrimNativeHeap(); // start from what is live, not from what the training loops above left in the heap
Columns.TimeFullCursor(model.Transform(transformRows));
long afterOne = ProcessMemory.ResidentBytes();
for (int pass = 1; pass < settings.TransformPasses; pass++)
    Columns.TimeFullCursor(model.Transform(transformRows));
long afterMany = ProcessMemory.ResidentBytes();
table.Add($"Memory: RSS after 1 and after {settings.TransformPasses:N0} Transform + full-cursor passes over {settings.TransformRows:N0} rows",
    ProcessMemory.Megabytes(afterOne), ProcessMemory.Megabytes(afterMany), $"{(afterMany - afterOne) * 100.0 / afterOne:+0.0;-0.0}% growth", "< 5%");

model.Dispose();
Console.WriteLine();
Console.WriteLine(table.ToMarkdown("Measure", "Hand-written TorchSharp", "MLNet.Autoencoders", "Ratio", "Target"));

static double Median(IEnumerable<double> values)
{
    var sorted = values.Order().ToArray();
    return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
}
