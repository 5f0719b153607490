using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using MLNet.Autoencoders.Cli;
using MLNet.Autoencoders.Tests.Persistence;
using MLNet.Autoencoders.Tests.Smoke;

namespace MLNet.Autoencoders.Tests.Cli;

/// <summary>
/// Runs the built tool as a user does, <c>dotnet mlnet-autoencoders.dll ...</c> in its own process with standard output
/// redirected (so plain lines, no ANSI codes), on the CSV files the examples ship, at a few epochs each.
/// Filter them out with <c>--filter TestCategory!=CliProcess</c>.
/// </summary>
[TestClass]
[TestCategory("CliProcess")]
public sealed partial class CliProcessTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);
    private static readonly string DataFolder = Path.Combine(RepositoryRoot(), "examples", "MLNet.Autoencoders.Examples", "Data");
    private static readonly string Wine = Path.Combine(DataFolder, "wine-anomaly.csv");
    private static readonly string Penguins = Path.Combine(DataFolder, "penguins.csv");

    [TestMethod]
    public void Detect_WineWithLabel_ExitsZeroPrintsTheAucAndWritesScoresModelAndHistogram()
    {
        using var folder = new ScratchFolder();

        var result = Run(folder, "detect", Wine, "--label", "label", "--epochs", "5", "--seed", "1", "--output", folder.Path);

        Assert.AreEqual(ExitCodes.Ok, result.ExitCode, result.StandardError);
        var auc = AucLine().Match(result.StandardOutput);
        Assert.IsTrue(auc.Success, result.StandardOutput);
        Assert.IsTrue(double.Parse(auc.Groups[1].Value, CultureInfo.InvariantCulture) is >= 0 and <= 1, auc.Value);
        Assert.Contains("| row | score | anomaly | label | worst features", result.StandardOutput);
        Assert.DoesNotContain("\u001b", result.StandardOutput, "redirected output has no ANSI escape codes");
        Assert.HasCount(File.ReadAllLines(Wine).Length, File.ReadAllLines(Path.Combine(folder.Path, "wine-anomaly.scored.csv")));
        Assert.IsGreaterThan(0L, new FileInfo(Path.Combine(folder.Path, "wine-anomaly.model.zip")).Length);
        PngAssert.IsImage(Path.Combine(folder.Path, "wine-anomaly.scores.png"), 900, 600);
    }

    [TestMethod]
    public void Score_TheSavedDetectModel_ExitsZeroAndReproducesTheScores()
    {
        using var folder = new ScratchFolder();
        var detectFolder = Path.Combine(folder.Path, "detect");
        Assert.AreEqual(ExitCodes.Ok, Run(folder, "detect", Wine, "--ignore", "label", "--epochs", "5", "--seed", "1", "--output", detectFolder).ExitCode);

        var result = Run(folder, "score", Path.Combine(detectFolder, "wine-anomaly.model.zip"), Wine, "--output", folder.Path);

        Assert.AreEqual(ExitCodes.Ok, result.ExitCode, result.StandardError);
        Assert.Contains("Added columns: ", result.StandardOutput);
        CollectionAssert.AreEqual(ScoreColumn(Path.Combine(detectFolder, "wine-anomaly.scored.csv")), ScoreColumn(Path.Combine(folder.Path, "wine-anomaly.scored.csv")));
    }

    [TestMethod]
    public void Encode_PenguinsWithTwoLatentDimensions_WritesTheCodesAndTheScatterPlot()
    {
        using var folder = new ScratchFolder();

        var result = Run(folder, "encode", Penguins, "--latent", "2", "--epochs", "3", "--seed", "1", "--color-by", "species", "--output", folder.Path);

        Assert.AreEqual(ExitCodes.Ok, result.ExitCode, result.StandardError);
        Assert.HasCount(3, Regex.Matches(result.StandardOutput, @"^  Epoch \d+: training loss ", RegexOptions.Multiline), result.StandardOutput);
        var latent = File.ReadAllLines(Path.Combine(folder.Path, "penguins.latent.csv"));
        Assert.HasCount(File.ReadAllLines(Penguins).Length, latent);
        Assert.EndsWith(",Latent1,Latent2", latent[0]);
        PngAssert.IsImage(Path.Combine(folder.Path, "penguins.latent.png"), 900, 600);
    }

    [TestMethod]
    public void Impute_Penguins_ExitsZeroWritesTheFilledCsvAndTheCountsTable()
    {
        using var folder = new ScratchFolder();

        var result = Run(folder, "impute", Penguins, "--epochs", "3", "--seed", "1", "--output", folder.Path);

        Assert.AreEqual(ExitCodes.Ok, result.ExitCode, result.StandardError);
        Assert.MatchesRegex(@"^\| bill_length_mm +\| +\d+ \|\r?$", result.StandardOutput.Split('\n').Single(l => l.StartsWith("| bill_length_mm", StringComparison.Ordinal)));
        var imputed = File.ReadAllLines(Path.Combine(folder.Path, "penguins.imputed.csv"));
        Assert.HasCount(File.ReadAllLines(Penguins).Length, imputed);
    }

    [TestMethod]
    public void Detect_MissingFile_ExitsWithBadInputAndAMessageNamingTheFile()
    {
        using var folder = new ScratchFolder();
        var missing = Path.Combine(folder.Path, "no-such-file.csv");

        var result = Run(folder, "detect", missing);

        Assert.AreEqual(ExitCodes.BadInput, result.ExitCode);
        Assert.Contains($"File not found: '{missing}'", result.StandardError);
        Assert.DoesNotContain("   at ", result.StandardError, "no stack trace");
        Assert.IsEmpty(Directory.GetFiles(folder.Path));
    }

    [TestMethod]
    public void Impute_InterruptedWithSigint_ExitsWith130AndLeavesNoFile()
    {
        using var folder = new ScratchFolder();
        // 19,600 rows: an epoch takes long enough that the interrupt lands while fitting.
        var letters = Path.Combine(RepositoryRoot(), "benchmarks", "MLNet.Autoencoders.Benchmarks", "Data", "anomaly-dev", "letter-large.csv");
        var start = new ProcessStartInfo(ModelLoadCheckProcess.DotnetHost())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = folder.Path,
        };
        foreach (var argument in new[] { BuiltProgram.Cli.AssemblyPath, "impute", letters, "--epochs", "1000", "--output", folder.Path })
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the tool.");
        var error = process.StandardError.ReadToEndAsync();
        try
        {
            // The first epoch line: training is under way.
            var before = new StringBuilder();
            string? line;
            while ((line = process.StandardOutput.ReadLine()) is not null && !line.StartsWith("  Epoch 1:", StringComparison.Ordinal))
                before.AppendLine(line);
            Assert.IsNotNull(line, $"no epoch line before the tool ended:\n{before}\n{error.Result}");

            using (var interrupt = Process.Start("kill", ["-INT", process.Id.ToString(CultureInfo.InvariantCulture)]))
                interrupt.WaitForExit();
            var after = process.StandardOutput.ReadToEndAsync();
            Assert.IsTrue(process.WaitForExit(Timeout), "the tool did not stop after SIGINT");
            process.WaitForExit();

            Assert.AreEqual(ExitCodes.Cancelled, process.ExitCode, after.Result + error.Result);
            Assert.Contains("Cancelled; no output was written.", error.Result);
            Assert.IsEmpty(Directory.GetFiles(folder.Path), "nothing, not even a temporary file, is left");
        }
        finally
        {
            if (!process.HasExited)
                process.Kill(entireProcessTree: true);
        }
    }

    private static ProcessResult Run(ScratchFolder folder, params string[] arguments) => BuiltProgram.Cli.Run(folder.Path, Timeout, arguments);

    private static string[] ScoreColumn(string path)
    {
        var lines = File.ReadAllLines(path);
        var column = Array.IndexOf(lines[0].Split(','), "Score");
        Assert.IsGreaterThanOrEqualTo(0, column, $"{path} has no Score column");
        return lines.Skip(1).Select(l => l.Split(',')[column]).ToArray();
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "MLNet.Autoencoders.sln")))
                return directory.FullName;
        }
        throw new InvalidOperationException($"No MLNet.Autoencoders.sln above {AppContext.BaseDirectory}.");
    }

    [GeneratedRegex(@"^ROC AUC against 'label': ([0-9.]+)\r?$", RegexOptions.Multiline)]
    private static partial Regex AucLine();
}
