namespace MLNet.Autoencoders.Tests.Smoke;

/// <summary>
/// Runs every example scenario with <c>--smoke</c> (at most 300 rows, 2 epochs) in its own process: CI catches a scenario
/// that throws or whose loss is not finite, which the examples report with a non-zero exit code.
/// </summary>
[TestClass]
public sealed class ExampleScenarioSmokeTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    // One key line per scenario: the result it exists to show. Keep in step with Program.cs (Help_ListsOnlyScenariosSmokeTestedHere checks).
    private static readonly Dictionary<string, string> KeyLines = new()
    {
        ["penguins"] = "Reloaded model reproduces all 342 rows exactly: yes",
        ["wine-anomaly"] = "reproduces all scores exactly: yes",
        ["vae-digits"] = "Saved 60 sampled digits to",
        ["fashion-mnist"] = "they reproduce every output exactly: yes",
        ["gap-filling"] = "lower RMSE than filling each pixel with its mean",
        ["semi-supervised-fashion"] = "Saved the confusion matrix of (a) at 5% labels to",
        ["rotated-digits"] = "Multi-task heads: one network predicts both the digit and the angle",
        ["upscaling"] = "Saved inputs, bicubic and learned upscalings and the originals to",
    };

    [TestMethod]
    [DataRow("penguins")]
    [DataRow("wine-anomaly")]
    [DataRow("vae-digits")]
    [DataRow("fashion-mnist")]
    [DataRow("gap-filling")]
    [DataRow("semi-supervised-fashion")]
    [DataRow("rotated-digits")]
    [DataRow("upscaling")]
    public void Scenario_SmokeRun_ExitsZeroPrintsItsResultAndWritesPlots(string scenario)
    {
        using var folder = new ScratchFolder();

        var result = BuiltProgram.Examples.Run(folder.Path, Timeout, scenario, "--smoke");

        Assert.AreEqual(0, result.ExitCode, $"{scenario} --smoke failed.\n{result.StandardOutput}\n{result.StandardError}");
        StringAssert.Contains(result.StandardOutput, KeyLines[scenario]);
        StringAssert.Contains(result.StandardOutput, $"Smoke run of '{scenario}' passed");
        string output = Path.Combine(folder.Path, "output");
        Assert.IsTrue(Directory.Exists(output) && Directory.GetFiles(output, "*.png").Length > 0,
            $"{scenario} --smoke wrote no plot to {output}.\n{result.StandardOutput}");
    }

    [TestMethod]
    public void Help_ListsOnlyScenariosSmokeTestedHere()
    {
        using var folder = new ScratchFolder();

        var result = BuiltProgram.Examples.Run(folder.Path, Timeout, "--help");

        Assert.AreEqual(0, result.ExitCode, result.StandardError);
        string[] listed = [.. result.StandardOutput.Split('\n')
            .SkipWhile(line => !line.StartsWith("Scenarios:", StringComparison.Ordinal)).Skip(1)
            .Where(line => line.StartsWith("  ", StringComparison.Ordinal))
            .Select(line => line.Trim().Split(' ')[0])];
        CollectionAssert.AreEquivalent(KeyLines.Keys.ToArray(), listed, "Every scenario in --help needs a smoke test here: " + string.Join(", ", listed));
    }

    [TestMethod]
    public void UnknownScenario_ExitsNonZero()
    {
        using var folder = new ScratchFolder();

        var result = BuiltProgram.Examples.Run(folder.Path, Timeout, "no-such-scenario", "--smoke");

        Assert.AreNotEqual(0, result.ExitCode);
        StringAssert.Contains(result.StandardError, "Unknown scenario 'no-such-scenario'");
    }
}
