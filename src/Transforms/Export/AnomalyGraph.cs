using MLNet.Autoencoders.Transforms.AnomalyDetection;
using MLNet.Autoencoders.Transforms.Networks;
using MLNet.Autoencoders.Transforms.Scoring;
using Onnx;

namespace MLNet.Autoencoders.Transforms.Export;

/// <summary>
/// The ONNX graph of an <see cref="AutoencoderAnomalyTransformer"/>: the feature column in; <c>Score</c>,
/// <c>PredictedLabel</c> (<c>Score &gt; threshold</c>) and, when the detector has the column, the per-feature errors out,
/// computed as <see cref="AnomalyScorer.Score"/> computes them (in the scaler's units, averaged over the members; the
/// score built by <see cref="AnomalyScoreGraph"/>).
/// </summary>
internal static class AnomalyGraph
{
    public static OnnxGraphBuilder Build(AnomalyScorer scorer, AnomalyColumnNames columns, float threshold)
    {
        var members = scorer.Ensemble.Members;
        var scaler = scorer.Ensemble.Scaler;
        int inputSize = members[0].Architecture.InputSize;
        var graph = new OnnxGraphBuilder();
        graph.Input(columns.Features, inputSize);
        string scaled = new ScalingGraph(scaler).Apply(graph, columns.Features);

        // The members' squared errors added one after another, then divided: the order the ensemble sums them in.
        string? sum = null;
        for (int i = 0; i < members.Count; i++)
        {
            var layers = new NetworkGraph(members[i], $"member {i}");
            var (latent, _) = layers.Encode(graph, scaled);
            string difference = graph.Node("Sub", "difference", [scaled, layers.Decode(graph, latent)]);
            string squared = graph.Node("Mul", "squared", [difference, difference]);
            sum = sum is null ? squared : graph.Node("Add", "error_sum", [sum, squared]);
        }
        string averaged = graph.Node("Mul", "feature_errors", [sum!, graph.Scalar(1f / members.Count)]);
        string poison = MissingRows.Poison(graph, columns.Features);
        string featureErrors = MissingRows.Apply(graph, averaged, poison);

        graph.Expose(AnomalyScoreGraph.Emit(graph, scorer, scaled, featureErrors, poison), columns.Score);
        graph.Output(columns.Score, TensorProto.Types.DataType.Float);
        // NaN > threshold is false: a row that cannot be scored is not flagged, as in the transformer.
        graph.Node("Greater", [columns.Score, graph.Scalar(threshold)], [columns.PredictedLabel]);
        graph.Output(columns.PredictedLabel, TensorProto.Types.DataType.Bool);
        if (columns.FeatureErrors is { } errors)
        {
            graph.Expose(featureErrors, errors);
            graph.Output(errors, TensorProto.Types.DataType.Float, inputSize);
        }
        return graph;
    }
}
