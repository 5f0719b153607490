using MLNet.Autoencoders.Transforms.Networks;
using MLNet.Autoencoders.Transforms.Scoring;
using Onnx;
using static MLNet.Autoencoders.Transforms.Export.OnnxGraphBuilder;

namespace MLNet.Autoencoders.Transforms.Export;

/// <summary>
/// The ONNX graph of an <see cref="AutoencoderTransformer"/>: its input column in, its output columns out, computed as
/// <see cref="AutoencoderScorer"/> computes them (missing-value fill, scaling, encoder, decoder, inverse scaling, the
/// per-row error, the imputed row). A network with a paired target maps its input to the target's units with the target's
/// scaling; its file has no error output, since the graph's only input is the input column (the target is what the model predicts).
/// </summary>
internal static class AutoencoderGraph
{
    public static OnnxGraphBuilder Build(AutoencoderNetwork network, FeatureScaler scaler, AutoencoderColumnNames columns, FeatureScaler? targetScaler = null)
    {
        var architecture = network.Architecture;
        var graph = new OnnxGraphBuilder();
        var scaling = new ScalingGraph(scaler);
        var layers = new NetworkGraph(network, "network");
        string input = columns.Input;
        graph.Input(input, architecture.InputSize);

        string scaled = scaling.Apply(graph, scaling.FillMissing(graph, input));
        var (latent, logVariance) = layers.Encode(graph, scaled);
        string reconstruction = (targetScaler is null ? scaling : new ScalingGraph(targetScaler)).Invert(graph, layers.Decode(graph, latent));
        bool missingValues = scaler.MissingValueFill is not null;
        if (!missingValues)
        {
            string poison = MissingRows.Poison(graph, input);
            latent = MissingRows.Apply(graph, latent, poison);
            reconstruction = MissingRows.Apply(graph, reconstruction, poison);
            if (logVariance is not null)
                logVariance = MissingRows.Apply(graph, logVariance, poison);
        }

        graph.Expose(latent, columns.Latent);
        graph.Output(columns.Latent, TensorProto.Types.DataType.Float, architecture.LatentDimension);
        graph.Expose(reconstruction, columns.Reconstruction);
        graph.Output(columns.Reconstruction, TensorProto.Types.DataType.Float, architecture.OutputSize);
        if (columns.Target is null)
        {
            graph.Expose(ReconstructionError(graph, input, reconstruction, missingValues), columns.ReconstructionError);
            graph.Output(columns.ReconstructionError, TensorProto.Types.DataType.Float);
        }
        if (columns.LatentLogVariance is { } logVarianceColumn)
        {
            graph.Expose(logVariance ?? throw new InvalidOperationException("A log-variance column needs a variational network."), logVarianceColumn);
            graph.Output(logVarianceColumn, TensorProto.Types.DataType.Float, architecture.LatentDimension);
        }
        if (columns.Imputed is { } imputed)
        {
            graph.Node("Where", [graph.Node("IsNaN", "missing", [input]), reconstruction, input], [imputed]);
            graph.Output(imputed, TensorProto.Types.DataType.Float, architecture.InputSize);
        }
        return graph;
    }

    /// <summary>
    /// The mean squared difference between input and reconstruction over each row's features, in the input's units; with
    /// missing values, over the observed features only (0 / 0, NaN, when none is observed).
    /// </summary>
    private static string ReconstructionError(OnnxGraphBuilder graph, string input, string reconstruction, bool missingValues)
    {
        string difference = graph.Node("Sub", "difference", [input, reconstruction]);
        string squared = graph.Node("Mul", "squared", [difference, difference]);
        if (!missingValues)
            return graph.Node("ReduceMean", "error", [squared], Attribute("axes", [1L]), Attribute("keepdims", 0L));
        string axes = graph.Int64s("axes", 1);
        string observed = graph.Node("Not", "observed", [graph.Node("IsNaN", "missing", [input])]);
        string sum = graph.Node("ReduceSum", "error_sum", [graph.Node("Where", "observed_squares", [observed, squared, graph.Scalar(0f)]), axes],
            Attribute("keepdims", 0L));
        string count = graph.Node("ReduceSum", "observed_count", [graph.Node("Cast", "observed_ones", [observed], Attribute("to", (long)TensorProto.Types.DataType.Float)), axes],
            Attribute("keepdims", 0L));
        return graph.Node("Div", "error", [sum, count]);
    }
}
