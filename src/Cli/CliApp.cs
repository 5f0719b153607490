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
    public static int Run(string[] args, TextWriter output, TextWriter error, CancellationToken cancellation = default)
    {
        var root = new RootCommand("Anomaly detection, imputation and encoding of CSV files with MLNet.Autoencoders. " + ExitCodeHelp);
        root.Subcommands.Add(Detect(output, cancellation));

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
        catch (ArgumentException e)
        {
            // The library validates options up front with the name, the rule and the bad value.
            error.WriteLine($"Error: {e.Message}");
            return ExitCodes.Usage;
        }
        catch (Exception e) when (e is InvalidOperationException or InvalidDataException or FormatException or IOException)
        {
            error.WriteLine($"Error: {e.Message}");
            return ExitCodes.BadInput;
        }
    }

    private static Command Detect(TextWriter output, CancellationToken cancellation)
    {
        var data = new Argument<string>("data") { Description = "The CSV file (header line, comma-separated)." };
        var label = new Option<string?>("--label") { Description = "A 0/1 column (1 = anomaly): excluded from the features; the ROC AUC is printed." };
        var contamination = new Option<double?>("--contamination") { Description = "The expected share of anomalies, which sets the threshold. Default is the library's (0.1)." };
        var ignore = new Option<string[]>("--ignore") { Description = "Columns to leave out of the features.", AllowMultipleArgumentsPerToken = true };
        var outputDirectory = new Option<string?>("--output") { Description = "The folder to write to. Default is the data file's folder." };
        var seed = new Option<int?>("--seed") { Description = "Random seed, for repeatable results." };
        var epochs = new Option<int?>("--epochs") { Description = "Epochs per network. Default is the library's (200)." };
        var command = new Command("detect", "Fit an anomaly detector; write <name>.scored.csv (Score, IsAnomaly, the 3 worst features) and <name>.model.zip.")
        {
            data, label, contamination, ignore, outputDirectory, seed, epochs,
        };
        command.SetAction(result => DetectCommand.Run(
            new DetectCommand.Arguments(result.GetValue(data)!, result.GetValue(label), result.GetValue(contamination),
                result.GetValue(ignore) ?? [], result.GetValue(outputDirectory), result.GetValue(seed), result.GetValue(epochs)),
            output, cancellation));
        return command;
    }
}
