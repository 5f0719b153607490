using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;
using MLNet.Autoencoders.Estimators;

namespace MLNet.Autoencoders.Cli;

/// <summary><c>impute</c>: fills the empty numeric cells of a CSV from an autoencoder trained with <c>TreatNaNAsMissing</c>.</summary>
internal static class ImputeCommand
{
    public sealed record Arguments(string Data, int? Epochs, string[] Ignore, string? Output, int? Seed);

    public static int Run(Arguments arguments, CliConsole console, CancellationToken cancellation)
    {
        var output = console.Writer;
        var table = CsvTable.Read(arguments.Data);
        var ml = new MLContext(arguments.Seed);
        var data = FeatureData.Load(ml, table, arguments.Ignore, label: null, output);
        var columns = data.FeatureColumns.Select(table.IndexOf).ToArray();
        var missing = columns.Select(c => table.Rows.Count(r => IsMissing(r[c]))).ToArray();
        if (missing.Sum() == 0)
            output.WriteLine("No empty cell in the feature columns: the output will equal the input.");

        var options = new AutoencoderOptions
        {
            InputColumnName = FeatureData.FeaturesColumn,
            TreatNaNAsMissing = true,
            Seed = arguments.Seed,
            CancellationToken = cancellation,
        };
        if (arguments.Epochs is { } epochs)
            options.Epochs = epochs;
        output.WriteLine($"Fitting an autoencoder on {table.Rows.Count} rows (up to {options.Epochs} epochs)...");
        var pipeline = ml.Transforms.Concatenate(FeatureData.FeaturesColumn, data.FeatureColumns).Append(ml.Transforms.Autoencoder(options));
        using var model = console.Fit(networks: 1, options.Epochs, printEpochs: true, report =>
        {
            options.EpochCompleted = loss => report(1, options.Epochs, loss);
            return pipeline.Fit(data.Data);
        });
        var imputed = model.Transform(data.Data).GetColumn<VBuffer<float>>(options.ImputedColumnName)
            .Select(v => v.DenseValues().ToArray()).ToArray();
        FeatureData.CheckRowCount(imputed.Length, table);
        cancellation.ThrowIfCancellationRequested();

        var path = OutputPaths.For(arguments.Data, arguments.Output).File("imputed.csv");
        AtomicFile.WriteText(path, writer =>
        {
            CsvTable.Write(writer, table.Header);
            for (var r = 0; r < table.Rows.Count; r++)
            {
                var row = (string[])table.Rows[r].Clone();
                for (var f = 0; f < columns.Length; f++)
                    if (IsMissing(row[columns[f]]))
                        row[columns[f]] = CsvTable.Format(imputed[r][f]);
                CsvTable.Write(writer, row);
            }
        });
        output.WriteLine("Cells filled per column:");
        console.WriteTable(["column", "filled"],
            Enumerable.Range(0, columns.Length).Select(f => new[] { data.FeatureColumns[f], missing[f].ToString(CultureInfo.InvariantCulture) }),
            rightAligned: 1);
        output.WriteLine($"Wrote {path}");
        return ExitCodes.Ok;
    }

    private static bool IsMissing(string cell) => float.IsNaN(CsvTable.ParseCell(cell));
}
