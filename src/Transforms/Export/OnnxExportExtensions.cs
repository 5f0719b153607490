using System.Globalization;
using MLNet.Autoencoders.Transforms.AnomalyDetection;
using MLNet.Autoencoders.Transforms.Export;
using Onnx;

namespace MLNet.Autoencoders.Transforms;

/// <summary>
/// Exports fitted autoencoders, decoders and anomaly detectors to ONNX files that score without TorchSharp or libtorch:
/// in ML.NET with <c>mlContext.Transforms.ApplyOnnxModel</c>, in ONNX Runtime, and in engines that run ONNX.
/// </summary>
/// <remarks>
/// <para>
/// The file holds this library's component only: its graph input is the component's input column (same name, a float
/// tensor [N, features] with a dynamic batch dimension N, in the input's units: the learned scaling is inside the graph)
/// and its graph outputs are the component's output columns, under the same names. ML.NET transforms before ours in a
/// pipeline (e.g. <c>Concatenate</c>) are not in the file: keep them in ML.NET in front of <c>ApplyOnnxModel</c>, or
/// export them with ML.NET's own <c>ConvertToOnnx</c>.
/// </para>
/// <para>
/// The graph uses ONNX opset 17 and computes what the transformer computes, NaN rules included. Its metadata records the
/// producer, the library version, the component, the architecture, the column names and, for a detector, the threshold.
/// Every output is a float tensor of shape [N, size], or [N] for the per-row error and <c>Score</c>, and <c>PredictedLabel</c>
/// is a bool tensor [N].
/// </para>
/// <para>
/// Exporting needs only the protobuf runtime (Google.Protobuf); ONNX Runtime is needed only where the file is scored.
/// A file path is written whole or not at all: the model is built in memory first, written to a temporary file beside
/// the target, then moved into place.
/// </para>
/// </remarks>
public static class OnnxExportExtensions
{
    /// <summary>Writes <paramref name="transformer"/> as an ONNX model to the file <paramref name="path"/>, replacing any file there.</summary>
    /// <param name="transformer">A fitted or loaded autoencoder (dense, convolutional or variational).</param>
    /// <param name="path">The file to write, conventionally with the extension ".onnx".</param>
    /// <exception cref="ObjectDisposedException"><paramref name="transformer"/> was disposed.</exception>
    /// <exception cref="NotSupportedException">A layer of the network has no exact ONNX form; the message names it. No file is written.</exception>
    /// <exception cref="IOException">The file cannot be written; no file is left behind.</exception>
    public static void ExportToOnnx(this AutoencoderTransformer transformer, string path) => WriteFile(Model(transformer), path);

    /// <summary>Writes <paramref name="transformer"/> as an ONNX model to <paramref name="stream"/>, which is left open.</summary>
    /// <param name="transformer">A fitted or loaded autoencoder (dense, convolutional or variational).</param>
    /// <param name="stream">A writable stream.</param>
    /// <exception cref="ObjectDisposedException"><paramref name="transformer"/> was disposed.</exception>
    /// <exception cref="NotSupportedException">A layer of the network has no exact ONNX form; the message names it. Nothing is written.</exception>
    public static void ExportToOnnx(this AutoencoderTransformer transformer, Stream stream) => WriteStream(Model(transformer), stream);

    /// <summary>Writes <paramref name="detector"/> as an ONNX model to the file <paramref name="path"/>, replacing any file there.</summary>
    /// <param name="detector">A fitted or loaded anomaly detector; its current <see cref="AutoencoderAnomalyTransformer.Threshold"/> is exported.</param>
    /// <param name="path">The file to write, conventionally with the extension ".onnx".</param>
    /// <exception cref="ObjectDisposedException"><paramref name="detector"/> was disposed.</exception>
    /// <exception cref="NotSupportedException">A layer of a network has no exact ONNX form; the message names it. No file is written.</exception>
    /// <exception cref="IOException">The file cannot be written; no file is left behind.</exception>
    public static void ExportToOnnx(this AutoencoderAnomalyTransformer detector, string path) => WriteFile(Model(detector), path);

    /// <summary>
    /// Writes <paramref name="detector"/> as an ONNX model whose input is one [N, 1] float column per feature, named by
    /// <paramref name="featureInputNames"/> in the order of the feature vector, instead of the one vector
    /// <see cref="AnomalyColumnNames.Features"/>: for engines that bind a model input to each table column, such as SQL
    /// <c>PREDICT</c> with <c>RUNTIME = ONNX</c>. The outputs are the same.
    /// </summary>
    /// <param name="detector">A fitted or loaded anomaly detector.</param>
    /// <param name="path">The file to write.</param>
    /// <param name="featureInputNames">One distinct name per feature, e.g. the table's column names.</param>
    /// <exception cref="ArgumentException">The names are not one per feature, repeat, or collide with an output; the message says which.</exception>
    /// <exception cref="ObjectDisposedException"><paramref name="detector"/> was disposed.</exception>
    /// <exception cref="IOException">The file cannot be written; no file is left behind.</exception>
    public static void ExportToOnnx(this AutoencoderAnomalyTransformer detector, string path, IReadOnlyList<string> featureInputNames)
    {
        var model = Model(detector);
        PerFeatureInputs.Apply(model, detector.Columns.Features, featureInputNames, nameof(featureInputNames));
        WriteFile(model, path);
    }

    /// <summary>Writes <paramref name="detector"/> as an ONNX model to <paramref name="stream"/>, which is left open.</summary>
    /// <param name="detector">A fitted or loaded anomaly detector; its current <see cref="AutoencoderAnomalyTransformer.Threshold"/> is exported.</param>
    /// <param name="stream">A writable stream.</param>
    /// <exception cref="ObjectDisposedException"><paramref name="detector"/> was disposed.</exception>
    /// <exception cref="NotSupportedException">A layer of a network has no exact ONNX form; the message names it. Nothing is written.</exception>
    public static void ExportToOnnx(this AutoencoderAnomalyTransformer detector, Stream stream) => WriteStream(Model(detector), stream);

    /// <summary>Writes <paramref name="decoder"/> as an ONNX model (latent codes in, decoded rows out) to the file <paramref name="path"/>.</summary>
    /// <param name="decoder">A decoder made by <see cref="AutoencoderTransformerDecoding.CreateDecoder"/> or loaded.</param>
    /// <param name="path">The file to write, conventionally with the extension ".onnx".</param>
    /// <exception cref="ObjectDisposedException"><paramref name="decoder"/> was disposed.</exception>
    /// <exception cref="NotSupportedException">A layer of the network has no exact ONNX form; the message names it. No file is written.</exception>
    /// <exception cref="IOException">The file cannot be written; no file is left behind.</exception>
    public static void ExportToOnnx(this AutoencoderDecoderTransformer decoder, string path) => WriteFile(Model(decoder), path);

    /// <summary>Writes <paramref name="decoder"/> as an ONNX model (latent codes in, decoded rows out) to <paramref name="stream"/>, which is left open.</summary>
    /// <param name="decoder">A decoder made by <see cref="AutoencoderTransformerDecoding.CreateDecoder"/> or loaded.</param>
    /// <param name="stream">A writable stream.</param>
    /// <exception cref="ObjectDisposedException"><paramref name="decoder"/> was disposed.</exception>
    /// <exception cref="NotSupportedException">A layer of the network has no exact ONNX form; the message names it. Nothing is written.</exception>
    public static void ExportToOnnx(this AutoencoderDecoderTransformer decoder, Stream stream) => WriteStream(Model(decoder), stream);

    private static ModelProto Model(AutoencoderTransformer transformer)
    {
        CheckUsable(transformer, nameof(transformer));
        var columns = transformer.Columns;
        var graph = AutoencoderGraph.Build(transformer.Network, transformer.Scaler, columns, transformer.TargetScaler);
        var outputs = columns.Target is null ? columns.Outputs : columns.Outputs.Where(c => c != columns.ReconstructionError).ToArray();
        return OnnxModelWriter.CreateModel(graph, nameof(AutoencoderTransformer),
            $"Autoencoder {transformer.Architecture}: '{columns.Input}' in; {string.Join(", ", outputs.Select(c => $"'{c}'"))} out.",
            [
                ("architecture", transformer.Architecture.ToString()),
                ("input_scaling", transformer.Scaler.Kind.ToString()),
                ("treats_nan_as_missing", (transformer.Scaler.MissingValueFill is not null).ToString()),
                ("input_columns", columns.Input),
                ("output_columns", string.Join(",", outputs)),
                .. columns.Target is { } target ? [("target_column", target)] : Array.Empty<(string, string)>(),
            ]);
    }

    private static ModelProto Model(AutoencoderAnomalyTransformer detector)
    {
        CheckUsable(detector, nameof(detector));
        var columns = detector.Columns;
        string threshold = detector.Threshold.ToString("R", CultureInfo.InvariantCulture);
        var graph = AnomalyGraph.Build(detector.Scorer, columns, detector.Threshold);
        return OnnxModelWriter.CreateModel(graph, nameof(AutoencoderAnomalyTransformer),
            $"Autoencoder anomaly detector, {detector.EnsembleSize} x {detector.Architecture}: '{columns.Features}' in; "
            + $"{string.Join(", ", columns.Outputs.Select(c => $"'{c}'"))} out; {columns.PredictedLabel} = {columns.Score} > {threshold}.",
            [
                ("architecture", detector.Architecture.ToString()),
                ("ensemble_size", detector.EnsembleSize.ToString(CultureInfo.InvariantCulture)),
                ("number_of_neighbors", detector.NumberOfNeighbors.ToString(CultureInfo.InvariantCulture)),
                ("input_scaling", detector.Scaler.Kind.ToString()),
                ("threshold", threshold),
                ("input_columns", columns.Features),
                ("output_columns", string.Join(",", columns.Outputs)),
            ]);
    }

    private static ModelProto Model(AutoencoderDecoderTransformer decoder)
    {
        CheckUsable(decoder, nameof(decoder));
        var columns = decoder.Columns;
        var graph = DecoderGraph.Build(decoder.Network, decoder.Scaler, columns);
        return OnnxModelWriter.CreateModel(graph, nameof(AutoencoderDecoderTransformer),
            $"Autoencoder decoder {decoder.Architecture}: '{columns.Latent}' in; '{columns.Output}' out.",
            [
                ("architecture", decoder.Architecture.ToString()),
                ("input_scaling", decoder.Scaler.Kind.ToString()),
                ("input_columns", columns.Latent),
                ("output_columns", columns.Output),
            ]);
    }

    private static void CheckUsable(BatchedTransformer transformer, string parameter)
    {
        ArgumentNullException.ThrowIfNull(transformer, parameter);
        if (transformer.IsDisposed)
            throw new ObjectDisposedException(transformer.GetType().Name, $"Cannot export a disposed {transformer.GetType().Name} to ONNX: its networks were released. Export before disposing it, or load the saved model again.");
    }

    private static void WriteFile(ModelProto model, string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        AtomicFile.Write(path, stream => OnnxModelWriter.Write(model, stream));
    }

    private static void WriteStream(ModelProto model, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (!stream.CanWrite)
            throw new ArgumentException("The stream must be writable.", nameof(stream));
        OnnxModelWriter.Write(model, stream);
    }
}
