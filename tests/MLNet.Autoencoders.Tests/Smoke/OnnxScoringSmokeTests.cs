using System.Text.RegularExpressions;

namespace MLNet.Autoencoders.Tests.Smoke;

/// <summary>
/// The deployment proof at a tiny size: the examples' wine-anomaly scenario (<c>--smoke</c>) exports its detector, and
/// examples/OnnxScoring, which references neither TorchSharp nor this library, scores the file with ApplyOnnxModel and
/// gets the detector's metrics.
/// </summary>
[TestClass]
public sealed class OnnxScoringSmokeTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    [TestMethod]
    public void ExportedWineDetector_ScoredWithoutTorchSharp_GivesTheDetectorsMetrics()
    {
        using var folder = new ScratchFolder();
        var trained = BuiltProgram.Examples.Run(folder.Path, Timeout, "wine-anomaly", "--smoke");
        Assert.AreEqual(0, trained.ExitCode, $"wine-anomaly --smoke failed.\n{trained.StandardOutput}\n{trained.StandardError}");
        string model = Path.Combine(folder.Path, "output", "wine-anomaly-detector.onnx");
        Assert.IsTrue(File.Exists(model), trained.StandardOutput);

        var scored = BuiltProgram.OnnxScoring.Run(folder.Path, Timeout, model);

        Assert.AreEqual(0, scored.ExitCode, $"OnnxScoring failed.\n{scored.StandardOutput}\n{scored.StandardError}");
        // "Autoencoder (2 nets)    0.742      0.20       11           1 of 10" in the examples' table.
        var torch = Regex.Match(trained.StandardOutput, @"^Autoencoder \(\d+ nets\)\s+(?<auc>[0-9.]+)\s+(?<dr>[0-9.]+)\s+(?<flagged>\d+)\s+(?<hits>\d+) of", RegexOptions.Multiline);
        Assert.IsTrue(torch.Success, trained.StandardOutput);
        StringAssert.Contains(scored.StandardOutput,
            $"AUC {torch.Groups["auc"].Value}, DR@10 FP {torch.Groups["dr"].Value}, flagged {torch.Groups["flagged"].Value} ({torch.Groups["hits"].Value} of 10 outliers)");
        StringAssert.Contains(scored.StandardOutput, "AutoencoderAnomalyTransformer from MLNet.Autoencoders");
        string[] published = Directory.GetFiles(Path.GetDirectoryName(BuiltProgram.OnnxScoring.AssemblyPath)!, "*", SearchOption.AllDirectories);
        Assert.IsFalse(published.Any(f => Path.GetFileName(f).Contains("torch", StringComparison.OrdinalIgnoreCase) || Path.GetFileName(f).StartsWith("MLNet.Autoencoders", StringComparison.Ordinal)),
            "OnnxScoring's output holds no TorchSharp or MLNet.Autoencoders file");
    }
}
