using System.Globalization;
using Microsoft.ML;
using MLNet.Autoencoders.Cli;

namespace MLNet.Autoencoders.Tests.Cli;

[TestClass]
public sealed class CliTests
{
    private static readonly string DataFolder = Path.Combine(RepositoryRoot(), "examples", "MLNet.Autoencoders.Examples", "Data");
    private static readonly string Wine = Path.Combine(DataFolder, "wine-anomaly.csv");
    private static readonly string Penguins = Path.Combine(DataFolder, "penguins.csv");

    private string _outputFolder = "";

    [TestInitialize]
    public void CreateOutputFolder() => _outputFolder = Directory.CreateTempSubdirectory("mlnet-autoencoders-cli-").FullName;

    [TestCleanup]
    public void DeleteOutputFolder() => Directory.Delete(_outputFolder, recursive: true);

    [TestMethod]
    public void Detect_OnWine_WritesScoreAndIsAnomalyForEveryRowAndAModel()
    {
        var run = Run("detect", Wine, "--ignore", "label", "--epochs", "5", "--seed", "1", "--output", _outputFolder);

        Assert.AreEqual(ExitCodes.Ok, run.ExitCode, run.Error);
        var scored = ReadCsv(Path.Combine(_outputFolder, "wine-anomaly.scored.csv"));
        var header = scored[0];
        var score = Array.IndexOf(header, "Score");
        var isAnomaly = Array.IndexOf(header, "IsAnomaly");
        Assert.IsGreaterThanOrEqualTo(0, score);
        Assert.IsGreaterThanOrEqualTo(0, isAnomaly);
        Assert.HasCount(File.ReadAllLines(Wine).Length, scored);
        foreach (var row in scored.Skip(1))
        {
            Assert.IsTrue(float.IsFinite(float.Parse(row[score], CultureInfo.InvariantCulture)));
            Assert.IsTrue(bool.TryParse(row[isAnomaly], out _));
        }
        Assert.IsTrue(scored.Skip(1).Any(row => row[isAnomaly] == "true"), "the default contamination flags some rows");
        Assert.IsTrue(File.Exists(Path.Combine(_outputFolder, "wine-anomaly.model.zip")));
        Assert.Contains("Top 10 rows by score", run.Output);
        Assert.DoesNotContain("\u001b", run.Output, "no ANSI escape codes when the output is not a terminal");
        PngAssert.IsImage(Path.Combine(_outputFolder, "wine-anomaly.scores.png"), 900, 600);
    }

    [TestMethod]
    public void Detect_WithLabel_PrintsAucBetweenZeroAndOneAndLeavesTheLabelOutOfTheFeatures()
    {
        var run = Run("detect", Wine, "--label", "label", "--epochs", "5", "--seed", "1", "--output", _outputFolder);

        Assert.AreEqual(ExitCodes.Ok, run.ExitCode, run.Error);
        var aucLine = run.Output.Split('\n').Single(line => line.StartsWith("ROC AUC", StringComparison.Ordinal));
        var auc = double.Parse(aucLine[(aucLine.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture);
        // ML.NET's evaluator computes it; the rank-sum AUC of the written scores is the same number.
        var scored = ReadCsv(Path.Combine(_outputFolder, "wine-anomaly.scored.csv"));
        var expected = MLNet.Autoencoders.Benchmarks.AnomalyDev.RocAuc.Compute(
            Column(scored, "Score").Select(cell => double.Parse(cell, CultureInfo.InvariantCulture)).ToArray(),
            Column(scored, "label").Select(cell => cell == "1").ToArray());
        Assert.AreEqual(expected, auc, 0.0005, aucLine);
        var featuresLine = run.Output.Split('\n').First(line => line.StartsWith("Features", StringComparison.Ordinal));
        Assert.DoesNotContain("label", featuresLine);
    }

    [TestMethod]
    public void Score_WithTheDetectModel_ReproducesTheScores()
    {
        var detectFolder = Path.Combine(_outputFolder, "detect");
        Assert.AreEqual(ExitCodes.Ok, Run("detect", Wine, "--label", "label", "--epochs", "5", "--seed", "1", "--output", detectFolder).ExitCode);

        var run = Run("score", Path.Combine(detectFolder, "wine-anomaly.model.zip"), Wine, "--output", _outputFolder);

        Assert.AreEqual(ExitCodes.Ok, run.ExitCode, run.Error);
        var detected = Column(ReadCsv(Path.Combine(detectFolder, "wine-anomaly.scored.csv")), "Score");
        var rescored = Column(ReadCsv(Path.Combine(_outputFolder, "wine-anomaly.scored.csv")), "Score");
        CollectionAssert.AreEqual(detected, rescored);
    }

    [TestMethod]
    public void ExportOnnx_OfTheDetectModel_ScoresTheCsvsFeaturesAsTheModelDid()
    {
        var detectFolder = Path.Combine(_outputFolder, "detect");
        Assert.AreEqual(ExitCodes.Ok, Run("detect", Wine, "--label", "label", "--epochs", "5", "--seed", "1", "--output", detectFolder).ExitCode);

        var run = Run("export-onnx", Path.Combine(detectFolder, "wine-anomaly.model.zip"), "--output", _outputFolder);

        Assert.AreEqual(ExitCodes.Ok, run.ExitCode, run.Error);
        Assert.Contains("ONNX input: 'Features'", run.Output);
        Assert.Contains("Not in the file: the 1 ML.NET step(s) before it", run.Output);
        string onnx = Path.Combine(_outputFolder, "wine-anomaly.model.onnx");
        var wine = ReadCsv(Wine);
        int[] features = [.. Enumerable.Range(0, wine[0].Length).Where(j => wine[0][j] != "label")];
        float[] values = [.. wine.Skip(1).SelectMany(row => features.Select(j => float.Parse(row[j], System.Globalization.CultureInfo.InvariantCulture)))];
        using var session = new Microsoft.ML.OnnxRuntime.InferenceSession(onnx);
        var tensor = new Microsoft.ML.OnnxRuntime.Tensors.DenseTensor<float>(values, [wine.Count - 1, features.Length]);
        using var results = session.Run([Microsoft.ML.OnnxRuntime.NamedOnnxValue.CreateFromTensor("Features", tensor)]);
        var scores = results.First(r => r.Name == "Score").AsEnumerable<float>().ToArray();
        var expected = Column(ReadCsv(Path.Combine(detectFolder, "wine-anomaly.scored.csv")), "Score")
            .Select(v => float.Parse(v, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        Assert.HasCount(expected.Length, scores);
        for (int i = 0; i < scores.Length; i++)
            Assert.AreEqual(expected[i], scores[i], 1e-4 * Math.Max(1, Math.Abs(expected[i])), $"row {i}");
    }

    [TestMethod]
    public void ExportOnnx_MissingModel_ExitsWithBadInputNamingTheFile()
    {
        var missing = Path.Combine(_outputFolder, "nothing.zip");
        var run = Run("export-onnx", missing);
        Assert.AreEqual(ExitCodes.BadInput, run.ExitCode);
        Assert.Contains(missing, run.Error);
    }

    [TestMethod]
    public void Impute_OnPenguins_FillsEveryEmptyNumericCellAndReportsCounts()
    {
        var original = ReadCsv(Penguins);
        var measurements = new[] { "bill_length_mm", "bill_depth_mm", "flipper_length_mm", "body_mass_g" };
        Assert.IsTrue(measurements.Any(name => Column(original, name).Contains("")), "penguins.csv has empty measurement cells");

        var run = Run("impute", Penguins, "--epochs", "3", "--seed", "1", "--output", _outputFolder);

        Assert.AreEqual(ExitCodes.Ok, run.ExitCode, run.Error);
        var imputed = ReadCsv(Path.Combine(_outputFolder, "penguins.imputed.csv"));
        Assert.HasCount(original.Count, imputed);
        foreach (var name in measurements)
        {
            var before = Column(original, name);
            var after = Column(imputed, name);
            Assert.IsTrue(after.All(cell => float.IsFinite(float.Parse(cell, CultureInfo.InvariantCulture))), name);
            Assert.IsTrue(before.Zip(after).All(pair => pair.First.Length == 0 || pair.First == pair.Second), $"observed {name} cells are unchanged");
            Assert.MatchesRegex($@"^\| {name} +\| +{before.Count(cell => cell.Length == 0)} \|$", run.Output.Split('\n').Select(l => l.TrimEnd('\r')).Single(l => l.StartsWith($"| {name} ", StringComparison.Ordinal)));
        }
        CollectionAssert.AreEqual(Column(original, "sex"), Column(imputed, "sex"), "text columns are copied, empty cells included");
    }

    [TestMethod]
    public void Encode_OnPenguins_WritesTheRequestedNumberOfLatentColumnsAndTheScatterPlot()
    {
        var run = Run("encode", Penguins, "--latent", "2", "--epochs", "2", "--seed", "1", "--color-by", "species", "--output", _outputFolder);

        Assert.AreEqual(ExitCodes.Ok, run.ExitCode, run.Error);
        var latent = ReadCsv(Path.Combine(_outputFolder, "penguins.latent.csv"));
        Assert.IsTrue(latent[0].Contains("Latent2") && !latent[0].Contains("Latent3"));
        Assert.IsTrue(Column(latent, "Latent1").All(cell => float.IsFinite(float.Parse(cell, CultureInfo.InvariantCulture))));
        PngAssert.IsImage(Path.Combine(_outputFolder, "penguins.latent.png"), 900, 600);
    }

    [TestMethod]
    public void Encode_ColorByNumericColumnWithManyValuesAndEmptyCells_WritesTheScatterPlot()
    {
        var run = Run("encode", Penguins, "--latent", "2", "--epochs", "1", "--color-by", "body_mass_g", "--output", _outputFolder);

        Assert.AreEqual(ExitCodes.Ok, run.ExitCode, run.Error);
        PngAssert.IsImage(Path.Combine(_outputFolder, "penguins.latent.png"), 900, 600);
    }

    [TestMethod]
    public void Encode_ThreeDimensionalCode_WritesNoPlotAndSaysWhy()
    {
        var run = Run("encode", Penguins, "--latent", "3", "--epochs", "1", "--color-by", "species", "--output", _outputFolder);

        Assert.AreEqual(ExitCodes.Ok, run.ExitCode, run.Error);
        Assert.Contains("No plot", run.Output);
        Assert.IsFalse(File.Exists(Path.Combine(_outputFolder, "penguins.latent.png")));
    }

    [TestMethod]
    public void Encode_ColorByMissingColumn_ExitsWithBadInputNamingItBeforeFitting()
    {
        var run = Run("encode", Penguins, "--latent", "2", "--color-by", "colour", "--output", _outputFolder);

        Assert.AreEqual(ExitCodes.BadInput, run.ExitCode);
        Assert.Contains("'colour' for --color-by", run.Error);
        Assert.Contains("species", run.Error, "the message lists the columns there are");
        Assert.DoesNotContain("Fitting", run.Output);
    }

    [TestMethod]
    public void Detect_MissingFile_ExitsWithBadInputNamingTheFile()
    {
        var missing = Path.Combine(_outputFolder, "no-such-file.csv");

        var run = Run("detect", missing);

        Assert.AreEqual(ExitCodes.BadInput, run.ExitCode);
        Assert.Contains(missing, run.Error);
        Assert.DoesNotContain("   at ", run.Error, "no stack trace");
    }

    [TestMethod]
    public void Score_ModelThatIsATextFile_ExitsWithBadInputNamingTheFile()
    {
        var notAModel = Path.Combine(_outputFolder, "not-a-model.zip");
        File.WriteAllText(notAModel, "this is not a model");

        var run = Run("score", notAModel, Wine, "--output", _outputFolder);

        Assert.AreEqual(ExitCodes.BadInput, run.ExitCode);
        Assert.Contains(notAModel, run.Error);
        Assert.DoesNotContain("   at ", run.Error, "no stack trace");
        Assert.IsFalse(File.Exists(Path.Combine(_outputFolder, "wine-anomaly.scored.csv")));
    }

    [TestMethod]
    public void Detect_LabelColumnThatIsNotZeroOne_ExitsWithBadInputNamingTheColumn()
    {
        var data = Path.Combine(_outputFolder, "bad-label.csv");
        File.WriteAllLines(data, ["x,y,label", "1,2,0", "2,3,1", "3,4,2"]);

        var run = Run("detect", data, "--label", "label");

        Assert.AreEqual(ExitCodes.BadInput, run.ExitCode);
        Assert.Contains("'label'", run.Error);
    }

    [TestMethod]
    public void Detect_NoNumericColumn_ExitsWithBadInput()
    {
        var data = Path.Combine(_outputFolder, "text.csv");
        File.WriteAllLines(data, ["name,colour", "a,red", "b,blue"]);

        var run = Run("detect", data);

        Assert.AreEqual(ExitCodes.BadInput, run.ExitCode);
        Assert.Contains("no numeric column", run.Error);
    }

    [TestMethod]
    public void Detect_HeaderOnly_ExitsWithBadInputSayingThereAreNoRows()
    {
        var data = Path.Combine(_outputFolder, "header-only.csv");
        File.WriteAllLines(data, ["x,y"]);

        var run = Run("detect", data);

        Assert.AreEqual(ExitCodes.BadInput, run.ExitCode);
        Assert.Contains("no rows", run.Error);
    }

    [TestMethod]
    public void Detect_OnDataWithEmptyCells_ExitsWithBadInputAndTheLibrarysMessage()
    {
        var run = Run("detect", Penguins, "--epochs", "1", "--output", _outputFolder);

        Assert.AreEqual(ExitCodes.BadInput, run.ExitCode, run.Error);
        Assert.Contains("NaN", run.Error);
        Assert.DoesNotContain("(Parameter", run.Error);
        Assert.IsEmpty(Directory.GetFiles(_outputFolder));
    }

    [TestMethod]
    public void Score_MLNetModelWithoutAnAutoencoder_ExitsWithBadInputNamingTheFile()
    {
        var ml = new MLContext();
        var data = ml.Data.LoadFromEnumerable(new[] { new ScalarRow { X = 1 } });
        var model = ml.Transforms.CopyColumns("Y", "X").Fit(data);
        var path = Path.Combine(_outputFolder, "copy-columns.zip");
        ml.Model.Save(model, data.Schema, path);

        var run = Run("score", path, Wine, "--output", _outputFolder);

        Assert.AreEqual(ExitCodes.BadInput, run.ExitCode);
        Assert.Contains(path, run.Error);
        Assert.Contains("not one of MLNet.Autoencoders", run.Error);
    }

    [TestMethod]
    public void Detect_ContaminationOutOfRange_ExitsWithUsageErrorNamingTheOption()
    {
        var run = Run("detect", Wine, "--contamination", "0.9", "--epochs", "1", "--output", _outputFolder);

        Assert.AreEqual(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("Contamination", run.Error);
    }

    [TestMethod]
    public void Detect_UnknownOption_ExitsWithUsageError()
    {
        var run = Run("detect", Wine, "--no-such-option");

        Assert.AreEqual(ExitCodes.Usage, run.ExitCode);
    }

    [TestMethod]
    public void Detect_Cancelled_ExitsWith130AndWritesNothing()
    {
        using var cancellation = new CancellationTokenSource();
        cancellation.Cancel();
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exitCode = CliApp.Run(["detect", Wine, "--epochs", "5", "--output", _outputFolder], output, error, cancellation.Token);

        Assert.AreEqual(ExitCodes.Cancelled, exitCode, error.ToString());
        Assert.IsEmpty(Directory.GetFiles(_outputFolder));
    }

    private sealed class ScalarRow
    {
        public float X { get; set; }
    }

    private static (int ExitCode, string Output, string Error) Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = CliApp.Run(args, output, error);
        return (exitCode, output.ToString(), error.ToString());
    }

    private static List<string[]> ReadCsv(string path) => File.ReadAllLines(path).Select(line => line.Split(',')).ToList();

    private static string[] Column(List<string[]> csv, string name)
    {
        var index = Array.IndexOf(csv[0], name);
        Assert.IsGreaterThanOrEqualTo(0, index, $"no column {name}");
        return csv.Skip(1).Select(row => row[index]).ToArray();
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
}
