using Microsoft.ML;
using Microsoft.ML.Data;
using MLNet.Autoencoders.Estimators;

namespace MLNet.Autoencoders.Cli;

/// <summary><c>encode</c>: writes each row's latent code from an autoencoder (or a variational one) fitted on the CSV's numeric columns.</summary>
internal static class EncodeCommand
{
    public sealed record Arguments(string Data, int? Latent, bool Variational, int? Epochs, string[] Ignore, string? Output, int? Seed);

    public static int Run(Arguments arguments, TextWriter output, CancellationToken cancellation)
    {
        var table = CsvTable.Read(arguments.Data);
        var ml = new MLContext(arguments.Seed);
        var data = FeatureData.Load(ml, table, arguments.Ignore, label: null, output);

        AutoencoderTrainingOptions options = arguments.Variational ? new VariationalAutoencoderOptions() : new AutoencoderOptions();
        options.InputColumnName = FeatureData.FeaturesColumn;
        options.TreatNaNAsMissing = true;   // empty cells are filled, as in impute, rather than failing the fit
        options.Seed = arguments.Seed;
        options.CancellationToken = cancellation;
        options.EpochCompleted = TrainingProgress.PrintTo(output);
        if (arguments.Latent is { } latent)
            options.LatentDimension = latent;
        if (arguments.Epochs is { } epochs)
            options.Epochs = epochs;

        var concatenate = ml.Transforms.Concatenate(FeatureData.FeaturesColumn, data.FeatureColumns);
        output.WriteLine($"Fitting {(arguments.Variational ? "a variational autoencoder" : "an autoencoder")} with a {options.LatentDimension}-dimensional code on {table.Rows.Count} rows (up to {options.Epochs} epochs)...");
        var model = options is VariationalAutoencoderOptions variational
            ? (ITransformer)concatenate.Append(ml.Transforms.VariationalAutoencoder(variational)).Fit(data.Data)
            : concatenate.Append(ml.Transforms.Autoencoder((AutoencoderOptions)options)).Fit(data.Data);
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
        return ExitCodes.Ok;
    }
}
