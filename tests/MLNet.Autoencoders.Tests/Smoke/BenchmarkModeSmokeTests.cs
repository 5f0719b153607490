using System.Globalization;
using System.Text.RegularExpressions;
using MLNet.Autoencoders.Tests.Persistence;

namespace MLNet.Autoencoders.Tests.Smoke;

/// <summary>
/// Runs every benchmark mode at a tiny size (a few hundred rows, one epoch) in its own process: CI catches a mode that
/// throws or whose loss is not finite (the benchmarks check their losses and exit non-zero), as happened unnoticed to
/// the convolutional benchmark.
/// </summary>
[TestClass]
public sealed partial class BenchmarkModeSmokeTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    [TestMethod]
    public void DenseBenchmark_TinyRun_PrintsTheComparisonTable()
    {
        var result = Run("--rows", "300", "--epochs", "1", "--passes", "2", "--transform-rows", "100", "--engine-rows", "50");

        StringAssert.Contains(result.StandardOutput, "| Training: median epoch wall-clock seconds |");
        StringAssert.Contains(result.StandardOutput, "| Quality: test MSE after 1 epochs |");
        StringAssert.Contains(result.StandardOutput, "| Scoring: rows/s, PredictionEngine one row at a time vs Transform + cursor |");
    }

    [TestMethod]
    [DataRow("--streaming-rows", "3000")]
    [DataRow("--streaming-rows", "3000", "--in-memory")]
    public void StreamingBenchmark_TinyRun_PrintsFiniteLosses(params string[] arguments)
    {
        var result = Run(arguments);

        Match losses = LossesLine().Match(result.StandardOutput);
        Assert.IsTrue(losses.Success, result.StandardOutput);
        Assert.IsTrue(double.IsFinite(double.Parse(losses.Groups[1].Value, CultureInfo.InvariantCulture)), losses.Value);
    }

    [TestMethod]
    public void ConvolutionalBenchmark_TinyRun_ComparesWithTheHandWrittenLoop()
    {
        var result = Run("--conv-rows", "300", "--epochs", "1");

        StringAssert.Contains(result.StandardOutput, "Library, epochs after the first:");
        StringAssert.Contains(result.StandardOutput, "Library / hand-written epoch wall-clock time:");
    }

    [TestMethod]
    public void AnomalyDevBenchmark_TwoSmallSets_PrintsAucsAndPassesTheHarnessCheck()
    {
        var result = Run("--anomaly-dev", "--sets", "crabs,thyroid", "--epochs", "2", "--ensemble-size", "2");

        foreach (string set in new[] { "crabs", "thyroid" })
        {
            Match row = Regex.Match(result.StandardOutput, $@"^\| {set} \| \d+ \| \d+ \| \d+ \| (?<ae>[0-9.]+) \| [0-9.]+ \| (?<if>[0-9.]+) \| (?<knn>[0-9.]+) \|", RegexOptions.Multiline);
            Assert.IsTrue(row.Success, $"No complete row for {set}:\n{result.StandardOutput}");
            foreach (string column in new[] { "ae", "if", "knn" })
                Assert.IsTrue(double.Parse(row.Groups[column].Value, CultureInfo.InvariantCulture) is >= 0 and <= 1, row.Value);
        }
        StringAssert.Contains(result.StandardOutput, "harness: |IF - baseline| mean = ");
        StringAssert.Contains(result.StandardOutput, "(must be <= 0.02): ok");
    }

    [TestMethod]
    public void SoakBenchmark_FewSeconds_CountsFitsAndNoErrors()
    {
        var result = Run("--soak-minutes", "0.05", "--soak-rows", "200");

        Match row = Regex.Match(result.StandardOutput, @"^\| (?<runs>[0-9,]+) \| [0-9,]+ \| [0-9,]+ \| (?<native>\d+) \| (?<other>\d+) \| (?<nan>\d+) \|", RegexOptions.Multiline);
        Assert.IsTrue(row.Success, result.StandardOutput);
        Assert.AreEqual("0", row.Groups["native"].Value, "native errors");
        Assert.AreEqual("0", row.Groups["other"].Value, "other errors");
        Assert.AreEqual("0", row.Groups["nan"].Value, "non-finite outputs");
    }

    [TestMethod]
    public void ClusteringBenchmark_TinyRun_PrintsMetricsForEveryMethodOnEverySet()
    {
        var result = Run("--clustering", "--seeds", "1", "--rows", "200", "--pretrain-epochs", "2", "--cluster-epochs", "2");

        foreach (string set in new[] { "penguins", "digits", "fashion" })
        {
            var rows = Regex.Matches(result.StandardOutput, $@"^\| {set} \| [^|]+ \| (?<nmi>[0-9.]+) \| [0-9.]+ \| -?[0-9.]+ \| -?[0-9.]+ \| (?<purity>[0-9.]+) \|", RegexOptions.Multiline);
            Assert.HasCount(4, rows, $"{set}:\n{result.StandardOutput}");
            foreach (Match row in rows)
                Assert.IsTrue(double.Parse(row.Groups["nmi"].Value, CultureInfo.InvariantCulture) is >= 0 and <= 1, row.Value);
        }
    }

    [TestMethod]
    public void OnnxBenchmark_TinyRun_PrintsRatiosForTheDenseNetworkAndTheDetector()
    {
        var result = Run("--onnx", "--onnx-rows", "200", "--epochs", "1");

        foreach (string model in new[] { "784-256-64-256-784 autoencoder", "anomaly detector, 5 x " })
        {
            Match row = Regex.Match(result.StandardOutput, $@"^\| {Regex.Escape(model)}.* \| [0-9,]+ rows/s \| [0-9,]+ rows/s \| (?<ratio>[0-9.]+)x \|", RegexOptions.Multiline);
            Assert.IsTrue(row.Success, $"No row for {model}:\n{result.StandardOutput}");
            Assert.IsGreaterThan(0, double.Parse(row.Groups["ratio"].Value, CultureInfo.InvariantCulture), row.Value);
        }
    }

    [TestMethod]
    public void ThreadDefaultBenchmark_TinyRun_TimesEveryThreadChoiceQuietAndBusy()
    {
        var result = Run("--thread-default", "--smoke", "--epochs", "1");

        Assert.HasCount(4, Regex.Matches(result.StandardOutput, @"^\| .+ \| (quiet|busy) \| [0-9.]+ s \| [0-9.]+ s \| [0-9.]+ s \|$", RegexOptions.Multiline),
            result.StandardOutput);
    }

    [TestMethod]
    public void AnomalyDevBenchmark_UnknownSet_ExitsNonZeroNamingTheOption()
    {
        using var folder = new ScratchFolder();

        var result = BuiltProgram.Benchmarks.Run(folder.Path, Timeout, "--anomaly-dev", "--sets", "no-such-set", "--references-only");

        Assert.AreNotEqual(0, result.ExitCode);
        StringAssert.Contains(result.StandardError, "'--sets' names 'no-such-set'");
    }

    private static ProcessResult Run(params string[] arguments)
    {
        using var folder = new ScratchFolder();
        var result = BuiltProgram.Benchmarks.Run(folder.Path, Timeout, arguments);
        Assert.AreEqual(0, result.ExitCode, $"Benchmarks {string.Join(' ', arguments)} failed.\n{result.StandardOutput}\n{result.StandardError}");
        return result;
    }

    [GeneratedRegex(@"\| Training loss / validation loss after 1 epoch \| +\| ([^ /|]+) /")]
    private static partial Regex LossesLine();
}
