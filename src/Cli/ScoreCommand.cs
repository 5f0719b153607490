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
        using var model = LoadModel(ml, arguments.Model);
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

    private static DisposableModel LoadModel(MLContext ml, string path)
    {
        if (!File.Exists(path))
            throw new CliInputException($"File not found: '{path}'.");
        ITransformer model;
        try
        {
            model = ml.Model.Load(path, out _);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw new CliInputException($"'{path}' is not a model saved by MLNet.Autoencoders: it could not be loaded as an ML.NET model ({e.Message}).", e);
        }
        if (!Flatten(model).Any(t => t.GetType().Assembly.GetName().Name!.StartsWith("MLNet.Autoencoders", StringComparison.Ordinal)))
        {
            (model as IDisposable)?.Dispose();
            throw new CliInputException($"'{path}' is an ML.NET model, but not one of MLNet.Autoencoders: it holds no autoencoder transformer.");
        }
        return new DisposableModel(model);
    }

    private static IEnumerable<ITransformer> Flatten(ITransformer model) =>
        model is IEnumerable<ITransformer> chain ? chain.SelectMany(Flatten) : [model];

    private sealed class DisposableModel(ITransformer model) : IDisposable
    {
        public IDataView Transform(IDataView data) => model.Transform(data);

        public void Dispose() => (model as IDisposable)?.Dispose();
    }
}
