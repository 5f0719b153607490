using Microsoft.ML;
using Microsoft.ML.Data;
using MLNet.Autoencoders.Cli.Plots;
using MLNet.Autoencoders.Estimators;

namespace MLNet.Autoencoders.Cli;

/// <summary><c>encode</c>: writes each row's latent code from an autoencoder (or a variational one) fitted on the CSV's numeric columns.</summary>
internal static class EncodeCommand
{
    public sealed record Arguments(string Data, int? Latent, bool Variational, int? Epochs, string[] Ignore, string? Output, int? Seed, string? ColorBy = null);

    public static int Run(Arguments arguments, CliConsole console, CancellationToken cancellation)
    {
        var output = console.Writer;
        var table = CsvTable.Read(arguments.Data);
        var ml = new MLContext(arguments.Seed);
        var data = FeatureData.Load(ml, table, arguments.Ignore, label: null, output);
        var colorBy = ColorByColumn(table, arguments.ColorBy);

        AutoencoderTrainingOptions options = arguments.Variational ? new VariationalAutoencoderOptions() : new AutoencoderOptions();
        options.InputColumnName = FeatureData.FeaturesColumn;
        options.TreatNaNAsMissing = true;   // empty cells are filled, as in impute, rather than failing the fit
        options.Seed = arguments.Seed;
        options.CancellationToken = cancellation;
        if (arguments.Latent is { } latent)
            options.LatentDimension = latent;
        if (arguments.Epochs is { } epochs)
            options.Epochs = epochs;

        var concatenate = ml.Transforms.Concatenate(FeatureData.FeaturesColumn, data.FeatureColumns);
        output.WriteLine($"Fitting {(arguments.Variational ? "a variational autoencoder" : "an autoencoder")} with a {options.LatentDimension}-dimensional code on {table.Rows.Count} rows (up to {options.Epochs} epochs)...");
        var model = console.Fit(networks: 1, options.Epochs, printEpochs: true, report =>
        {
            options.EpochCompleted = loss => report(1, options.Epochs, loss);
            return options is VariationalAutoencoderOptions variational
                ? (ITransformer)concatenate.Append(ml.Transforms.VariationalAutoencoder(variational)).Fit(data.Data)
                : concatenate.Append(ml.Transforms.Autoencoder((AutoencoderOptions)options)).Fit(data.Data);
        });
        using var ownedModel = model as IDisposable;
        var codes = model.Transform(data.Data).GetColumn<VBuffer<float>>(options.LatentColumnName)
            .Select(v => v.DenseValues().ToArray()).ToArray();
        FeatureData.CheckRowCount(codes.Length, table);
        cancellation.ThrowIfCancellationRequested();

        var path = OutputPaths.For(arguments.Data, arguments.Output).File("latent.csv");
        AtomicFile.WriteText(path, writer =>
        {
            CsvTable.Write(writer, table.Header.Concat(Enumerable.Range(1, options.LatentDimension).Select(k => $"Latent{k}")));
            for (var r = 0; r < table.Rows.Count; r++)
                CsvTable.Write(writer, table.Rows[r].Concat(codes[r].Select(CsvTable.Format)));
        });
        output.WriteLine($"Wrote {path}");
        if (options.LatentDimension == 2)
        {
            var plotPath = OutputPaths.For(arguments.Data, arguments.Output).File("latent.png");
            PngFile.Write(plotPath, LatentScatterPlot.Create($"2-D codes of {Path.GetFileName(arguments.Data)}", codes,
                colorBy is null ? null : (arguments.ColorBy!, table.Rows.Select(r => r[colorBy.Value]).ToArray()),
                colorBy is not null && table.IsNumeric[colorBy.Value]));
            output.WriteLine($"Wrote {plotPath}");
        }
        else if (arguments.ColorBy is not null)
            output.WriteLine($"No plot: --color-by draws the scatter of 2-D codes, and these have {options.LatentDimension} dimensions (use --latent 2).");
        return ExitCodes.Ok;
    }

    /// <summary>The index of the <c>--color-by</c> column, checked before fitting so that a typo costs no training time.</summary>
    private static int? ColorByColumn(CsvTable table, string? name)
    {
        if (name is null)
            return null;
        var column = table.IndexOf(name);
        if (column < 0)
            throw new CliInputException($"'{table.Path}' has no column '{name}' for --color-by. Its columns: {string.Join(", ", table.Header)}.");
        var values = table.Rows.Select(r => r[column]).Where(c => c.Length > 0).Distinct().Count();
        if (!table.IsNumeric[column] && values > LatentScatterPlot.MaxGroups)
            throw new CliInputException($"--color-by column '{name}' has {values} distinct text values; a colour each needs at most {LatentScatterPlot.MaxGroups} (a numeric column may have any number).");
        return column;
    }
}
