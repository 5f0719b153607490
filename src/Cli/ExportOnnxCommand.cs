using Microsoft.ML;
using MLNet.Autoencoders.Transforms;
using MLNet.Autoencoders.Transforms.AnomalyDetection;

namespace MLNet.Autoencoders.Cli;

/// <summary>
/// <c>export-onnx</c>: writes the last MLNet.Autoencoders transformer of a saved model as an ONNX file, which ONNX Runtime
/// (or ML.NET's <c>ApplyOnnxModel</c>) scores without libtorch. The ML.NET steps before it (for this tool's own models, the
/// <c>Concatenate</c> of the CSV's numeric columns into <c>Features</c>) are not in the file: its input is that vector.
/// </summary>
internal static class ExportOnnxCommand
{
    public sealed record Arguments(string Model, string? Output);

    public static int Run(Arguments arguments, CliConsole console, CancellationToken cancellation)
    {
        var output = console.Writer;
        var ml = new MLContext();
        using var model = SavedModel.Load(ml, arguments.Model);
        var transformers = model.Transformers;
        int last = transformers.Count - 1;
        while (last >= 0 && transformers[last] is not (AutoencoderTransformer or AutoencoderAnomalyTransformer or AutoencoderDecoderTransformer))
            last--;
        if (last < 0)
            throw new CliInputException($"'{arguments.Model}' holds no autoencoder, anomaly detector or decoder to export.");
        cancellation.ThrowIfCancellationRequested();

        var path = OutputPaths.For(arguments.Model, arguments.Output).File("onnx");
        var (input, outputs) = transformers[last] switch
        {
            AutoencoderAnomalyTransformer detector => Export(detector.ExportToOnnx, path, detector.Columns.Features,
                [detector.Columns.Score, detector.Columns.PredictedLabel, detector.Columns.FeatureErrors]),
            AutoencoderTransformer autoencoder => Export(autoencoder.ExportToOnnx, path, autoencoder.Columns.Input,
                [autoencoder.Columns.Latent, autoencoder.Columns.Reconstruction, autoencoder.Columns.ReconstructionError, autoencoder.Columns.LatentLogVariance, autoencoder.Columns.Imputed]),
            AutoencoderDecoderTransformer decoder => Export(decoder.ExportToOnnx, path, decoder.Columns.Latent, [decoder.Columns.Output]),
            _ => throw new InvalidOperationException("Unreachable: the loop above stops only at an exportable transformer."),
        };
        output.WriteLine($"Exported {transformers[last]}");
        output.WriteLine($"ONNX input: '{input}'; outputs: {string.Join(", ", outputs.Select(o => $"'{o}'"))}.");
        if (last > 0)
            output.WriteLine($"Not in the file: the {last} ML.NET step(s) before it ({string.Join(", ", transformers.Take(last).Select(t => t.GetType().Name))}); feed '{input}' as they produce it.");
        output.WriteLine($"Wrote {path}");
        return ExitCodes.Ok;
    }

    private static (string Input, string[] Outputs) Export(Action<string> export, string path, string input, string?[] outputs)
    {
        export(path);
        return (input, [.. outputs.OfType<string>()]);
    }
}
