using System.Globalization;
using MLNet.Autoencoders.Estimators.AnomalyDetection;

namespace MLNet.Autoencoders.Benchmarks.AnomalyDev;

/// <summary>The anomaly-dev benchmark's knobs, from the command line (see <see cref="AnomalyDevBenchmark"/>).</summary>
/// <param name="DataFolder">The folder holding the sets' CSVs and <c>baselines.md</c>.</param>
/// <param name="Sets">The sets to run, by name, or <see langword="null"/> for every CSV in <paramref name="DataFolder"/>.</param>
/// <param name="Seeds">Seeds 1..Seeds are run and averaged (detector and isolation forest; the k-NN distance has no randomness).</param>
/// <param name="RunDetector">Whether to fit the autoencoder detector.</param>
/// <param name="RunReferences">Whether to run the isolation forest and the 5-NN distance.</param>
/// <param name="CsvPath">Where to write the results as CSV, or <see langword="null"/>.</param>
/// <param name="Epochs">Overrides the detector's <see cref="AutoencoderAnomalyOptions.Epochs"/>, or <see langword="null"/> for its default.</param>
/// <param name="EnsembleSize">Overrides the detector's <see cref="AutoencoderAnomalyOptions.EnsembleSize"/>, or <see langword="null"/> for its default.</param>
/// <param name="Neighbors">Overrides the detector's <see cref="AutoencoderAnomalyOptions.NumberOfNeighbors"/>, or <see langword="null"/> for its default.</param>
/// <param name="ScoresFolder">Where to write the detector's score of every row, one CSV per set and seed (label, score), for analysis; or <see langword="null"/>.</param>
internal sealed record AnomalyDevSettings(
    string DataFolder, string[]? Sets, int Seeds, bool RunDetector, bool RunReferences, string? CsvPath, int? Epochs, int? EnsembleSize, int? Neighbors = null,
    string? ScoresFolder = null)
{
    /// <summary>The flag that selects this benchmark mode.</summary>
    public const string Flag = "--anomaly-dev";

    private const string Usage =
        "Usage: --anomaly-dev [--sets crabs,thyroid] [--seeds 1] [--detector-only | --references-only] [--csv out.csv] " +
        "[--data folder] [--epochs N] [--ensemble-size N] [--neighbors K] [--scores folder]";

    /// <summary>Reads the options that follow <see cref="Flag"/>.</summary>
    /// <exception cref="ArgumentException">An option is unknown, lacks its value, or has a bad value; the message names it.</exception>
    public static AnomalyDevSettings Parse(string[] args)
    {
        var settings = new AnomalyDevSettings(Path.Combine(AppContext.BaseDirectory, "Data", "anomaly-dev"), null, 1, true, true, null, null, null);
        for (int i = 0; i < args.Length; i++)
        {
            settings = args[i] switch
            {
                Flag => settings,
                "--detector-only" => settings with { RunReferences = false },
                "--references-only" => settings with { RunDetector = false },
                "--sets" => settings with { Sets = Value(args, ref i).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) },
                "--seeds" => settings with { Seeds = Positive(args, ref i) },
                "--csv" => settings with { CsvPath = Value(args, ref i) },
                "--data" => settings with { DataFolder = Value(args, ref i) },
                "--epochs" => settings with { Epochs = Positive(args, ref i) },
                "--ensemble-size" => settings with { EnsembleSize = Positive(args, ref i) },
                "--neighbors" => settings with { Neighbors = NonNegative(args, ref i) },
                "--scores" => settings with { ScoresFolder = Value(args, ref i) },
                _ => throw new ArgumentException($"Unknown option '{args[i]}' for {Flag}. {Usage}"),
            };
        }
        if (!settings.RunDetector && !settings.RunReferences)
            throw new ArgumentException($"'--detector-only' and '--references-only' exclude each other. {Usage}");
        if (!Directory.Exists(settings.DataFolder))
            throw new ArgumentException($"'--data' must be a folder of anomaly-dev CSVs. Got '{settings.DataFolder}', which does not exist.");
        return settings;
    }

    /// <summary>The detector's options: the defaults, with <see cref="Epochs"/>, <see cref="EnsembleSize"/> and <see cref="Neighbors"/> applied when set.</summary>
    public AutoencoderAnomalyOptions DetectorOptions()
    {
        var options = new AutoencoderAnomalyOptions();
        if (Epochs is { } epochs)
            options.Epochs = epochs;
        if (EnsembleSize is { } size)
            options.EnsembleSize = size;
        if (Neighbors is { } neighbors)
            options.NumberOfNeighbors = neighbors;
        return options;
    }

    /// <summary>The CSV paths to run, in the order asked for (all of the folder's, by name, when <see cref="Sets"/> is null).</summary>
    /// <exception cref="ArgumentException">A named set has no CSV in <see cref="DataFolder"/>.</exception>
    public IReadOnlyList<string> SetPaths()
    {
        if (Sets is null)
            return [.. Directory.GetFiles(DataFolder, "*.csv").Order(StringComparer.Ordinal)];
        return [.. Sets.Select(name =>
        {
            string path = Path.Combine(DataFolder, name + ".csv");
            if (!File.Exists(path))
            {
                string known = string.Join(", ", Directory.GetFiles(DataFolder, "*.csv").Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal));
                throw new ArgumentException($"'--sets' names '{name}', which has no CSV in '{DataFolder}'. Sets: {known}.");
            }
            return path;
        })];
    }

    private static string Value(string[] args, ref int i)
    {
        if (i + 1 >= args.Length)
            throw new ArgumentException($"'{args[i]}' needs a value. {Usage}");
        return args[++i];
    }

    private static int Positive(string[] args, ref int i) => Integer(args, ref i, minimum: 1, "a positive integer");

    private static int NonNegative(string[] args, ref int i) => Integer(args, ref i, minimum: 0, "zero or a positive integer");

    private static int Integer(string[] args, ref int i, int minimum, string rule)
    {
        string option = args[i];
        string text = Value(args, ref i);
        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int value) || value < minimum)
            throw new ArgumentException($"'{option}' must be {rule}. Got '{text}'.");
        return value;
    }
}
