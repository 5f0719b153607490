using System.CommandLine;
using System.CommandLine.Parsing;

namespace MLNet.Autoencoders.Cli;

/// <summary>The <c>mlnet-autoencoders</c> command line: parses the arguments, runs a command, maps failures to exit codes.</summary>
internal static class CliApp
{
    private const string ExitCodeHelp =
        "Exit codes: 0 ok, 1 bad input (missing file, no numeric column, no rows, a --label column that is not 0/1, " +
        "a file that is not a model), 2 usage error, 130 cancelled (Ctrl+C; nothing half-written is left).";

    /// <summary>Runs the tool in-process: the entry point's body, callable from tests.</summary>
    /// <param name="isTerminal">Whether <paramref name="output"/> is a terminal: live progress and drawn tables; otherwise plain lines.</param>
    public static int Run(string[] args, TextWriter output, TextWriter error, CancellationToken cancellation = default, bool isTerminal = false)
    {
        var console = new CliConsole(output, isTerminal);
        var root = new RootCommand("Anomaly detection, imputation and encoding of CSV files with MLNet.Autoencoders. " + ExitCodeHelp);
        root.Subcommands.Add(Detect(console, cancellation));
        root.Subcommands.Add(Score(console, cancellation));
        root.Subcommands.Add(Impute(console, cancellation));
        root.Subcommands.Add(Encode(console, cancellation));
        root.Subcommands.Add(ExportOnnx(console, cancellation));

        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var parseError in parsed.Errors)
                error.WriteLine(parseError.Message);
            error.WriteLine("Run 'mlnet-autoencoders --help' for usage.");
            return ExitCodes.Usage;
        }
        try
        {
            return parsed.Invoke(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false });
        }
        catch (OperationCanceledException)
        {
            error.WriteLine("Cancelled; no output was written.");
            return ExitCodes.Cancelled;
        }
        catch (CliInputException e)
        {
            error.WriteLine($"Error: {e.Message}");
            return ExitCodes.BadInput;
        }
        catch (ArgumentException e) when (e.ParamName == "data")
        {
            // The library rejects the data itself (e.g. NaN where the detector needs finite values).
            error.WriteLine($"Error: {MessageOf(e)}");
            return ExitCodes.BadInput;
        }
        catch (ArgumentException e)
        {
            // The library validates options up front with the name, the rule and the bad value.
            error.WriteLine($"Error: {MessageOf(e)}");
            return ExitCodes.Usage;
        }
        catch (Exception e) when (e is InvalidOperationException or InvalidDataException or FormatException or IOException)
        {
            error.WriteLine($"Error: {e.Message}");
            return ExitCodes.BadInput;
        }
    }

    /// <summary>The message without the " (Parameter 'x')" and "Actual value was" lines .NET appends.</summary>
    private static string MessageOf(ArgumentException e) =>
        e.Message.Split('\n')[0].Replace($" (Parameter '{e.ParamName}')", "", StringComparison.Ordinal).TrimEnd();

    private static Command Detect(CliConsole console, CancellationToken cancellation)
    {
        var data = DataArgument();
        var label = new Option<string?>("--label") { Description = "A 0/1 column (1 = anomaly): excluded from the features; the ROC AUC is printed." };
        var contamination = new Option<double?>("--contamination") { Description = "The expected share of anomalies, which sets the threshold. Default is the library's (0.1)." };
        var ignore = IgnoreOption();
        var outputDirectory = OutputOption();
        var seed = SeedOption();
        var epochs = EpochsOption("Epochs per network. Default is the library's (200).");
        var command = new Command("detect", "Fit an anomaly detector; write <name>.scored.csv (Score, IsAnomaly, the 3 worst features), <name>.model.zip and the score histogram <name>.scores.png.")
        {
            data, label, contamination, ignore, outputDirectory, seed, epochs,
        };
        command.SetAction(result => DetectCommand.Run(
            new DetectCommand.Arguments(result.GetValue(data)!, result.GetValue(label), result.GetValue(contamination),
                result.GetValue(ignore) ?? [], result.GetValue(outputDirectory), result.GetValue(seed), result.GetValue(epochs)),
            console, cancellation));
        return command;
    }

    private static Command ExportOnnx(CliConsole console, CancellationToken cancellation)
    {
        var model = new Argument<string>("model") { Description = "A model zip saved by this tool's detect or by ml.Model.Save with an MLNet.Autoencoders transformer." };
        var outputDirectory = OutputOption();
        var command = new Command("export-onnx", "Write the model's last autoencoder, detector or decoder as <name>.onnx, which ONNX Runtime or ML.NET's ApplyOnnxModel scores without libtorch; its input is that transformer's input column.")
        {
            model, outputDirectory,
        };
        command.SetAction(result => ExportOnnxCommand.Run(new ExportOnnxCommand.Arguments(result.GetValue(model)!, result.GetValue(outputDirectory)), console, cancellation));
        return command;
    }

    private static Command Score(CliConsole console, CancellationToken cancellation)
    {
        var model = new Argument<string>("model") { Description = "A model zip saved by this tool's detect or by ml.Model.Save with an MLNet.Autoencoders transformer." };
        var data = DataArgument();
        var ignore = IgnoreOption();
        var outputDirectory = OutputOption();
        var command = new Command("score", "Apply a saved model to a CSV (numeric columns concatenated into \"Features\"); write <name>.scored.csv with the float and bool columns it adds.")
        {
            model, data, ignore, outputDirectory,
        };
        command.SetAction(result => ScoreCommand.Run(
            new ScoreCommand.Arguments(result.GetValue(model)!, result.GetValue(data)!, result.GetValue(ignore) ?? [], result.GetValue(outputDirectory)),
            console, cancellation));
        return command;
    }

    private static Command Impute(CliConsole console, CancellationToken cancellation)
    {
        var data = DataArgument();
        var epochs = EpochsOption("Training epochs. Default is the library's (100).");
        var ignore = IgnoreOption();
        var outputDirectory = OutputOption();
        var seed = SeedOption();
        var command = new Command("impute", "Fill the empty numeric cells of a CSV from an autoencoder trained with missing values; write <name>.imputed.csv.")
        {
            data, epochs, ignore, outputDirectory, seed,
        };
        command.SetAction(result => ImputeCommand.Run(
            new ImputeCommand.Arguments(result.GetValue(data)!, result.GetValue(epochs), result.GetValue(ignore) ?? [],
                result.GetValue(outputDirectory), result.GetValue(seed)),
            console, cancellation));
        return command;
    }

    private static Command Encode(CliConsole console, CancellationToken cancellation)
    {
        var data = DataArgument();
        var latent = new Option<int?>("--latent") { Description = "The code's dimension. Default is the library's (8)." };
        var variational = new Option<bool>("--variational") { Description = "Use a variational autoencoder (the code is the posterior mean)." };
        var epochs = EpochsOption("Training epochs. Default is the library's (100).");
        var ignore = IgnoreOption();
        var outputDirectory = OutputOption();
        var seed = SeedOption();
        var colorBy = new Option<string?>("--color-by") { Description = "A column to colour the points of the 2-D codes' scatter plot by (any column, text or numeric)." };
        var command = new Command("encode", "Write each row's latent code (Latent1..LatentK) to <name>.latent.csv; for 2-D codes also a scatter plot, <name>.latent.png.")
        {
            data, latent, variational, epochs, ignore, outputDirectory, seed, colorBy,
        };
        command.SetAction(result => EncodeCommand.Run(
            new EncodeCommand.Arguments(result.GetValue(data)!, result.GetValue(latent), result.GetValue(variational), result.GetValue(epochs),
                result.GetValue(ignore) ?? [], result.GetValue(outputDirectory), result.GetValue(seed), result.GetValue(colorBy)),
            console, cancellation));
        return command;
    }

    private static Argument<string> DataArgument() => new("data") { Description = "The CSV file (header line, comma-separated; empty cells are missing values)." };

    private static Option<string[]> IgnoreOption() =>
        new("--ignore") { Description = "Numeric columns to leave out of the features.", AllowMultipleArgumentsPerToken = true };

    private static Option<string?> OutputOption() => new("--output") { Description = "The folder to write to. Default is the data file's folder." };

    private static Option<int?> SeedOption() => new("--seed") { Description = "Random seed, for repeatable results." };

    private static Option<int?> EpochsOption(string description) => new("--epochs") { Description = description };
}
