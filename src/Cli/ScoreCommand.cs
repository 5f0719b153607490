using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLNet.Autoencoders.Cli;

/// <summary><c>score</c>: applies a saved model of the library to a CSV and writes the scalar outputs it adds.</summary>
internal static class ScoreCommand
{
    public sealed record Arguments(string Model, string Data, string[] Ignore, string? Output);

    public static int Run(Arguments arguments, CliConsole console, CancellationToken cancellation)
    {
        var output = console.Writer;
        var ml = new MLContext();
        using var model = SavedModel.Load(ml, arguments.Model);
        var table = CsvTable.Read(arguments.Data);
        var data = FeatureData.Load(ml, table, arguments.Ignore, label: null, output);

        var input = ml.Transforms.Concatenate(FeatureData.FeaturesColumn, data.FeatureColumns).Fit(data.Data).Transform(data.Data);
        IDataView scored;
        try
        {
            scored = model.Transform(input);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            throw new CliInputException($"The model '{arguments.Model}' cannot score '{arguments.Data}': {e.Message}", e);
        }

        var added = scored.Schema
            .Where(c => !c.IsHidden && input.Schema.GetColumnOrNull(c.Name) is null
                        && (c.Type == NumberDataViewType.Single || c.Type == BooleanDataViewType.Instance))
            .Select(c => c.Name).Distinct().ToArray();
        if (added.Length == 0)
            throw new CliInputException($"The model '{arguments.Model}' adds no float or bool column to write.");
        var values = added.Select(name => scored.Schema[name].Type == BooleanDataViewType.Instance
            ? scored.GetColumn<bool>(name).Select(b => b ? "true" : "false").ToArray()
            : scored.GetColumn<float>(name).Select(CsvTable.Format).ToArray()).ToArray();
        FeatureData.CheckRowCount(values[0].Length, table);
        cancellation.ThrowIfCancellationRequested();

        var path = OutputPaths.For(arguments.Data, arguments.Output).File("scored.csv");
        AtomicFile.WriteText(path, writer =>
        {
            CsvTable.Write(writer, table.Header.Concat(added));
            for (var r = 0; r < table.Rows.Count; r++)
                CsvTable.Write(writer, table.Rows[r].Concat(values.Select(column => column[r])));
        });
        output.WriteLine($"Added columns: {string.Join(", ", added)}");
        output.WriteLine($"Wrote {path}");
        return ExitCodes.Ok;
    }
}
