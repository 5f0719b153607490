using MLNet.Autoencoders.Transforms.AnomalyDetection;
using static MLNet.Autoencoders.Transforms.Export.OnnxGraphBuilder;

namespace MLNet.Autoencoders.Transforms.Export;

/// <summary>
/// The one place where the exported detector turns its views of a row into <c>Score</c>, as <see cref="AnomalyScorer"/>
/// does: the reconstruction error (the mean of the averaged per-feature errors) alone, or, for a detector with neighbour
/// distances, the mean of the reconstruction error and the neighbour distance, each over its training median
/// (<see cref="ScoreScales"/>). A score that gains terms adds their nodes here.
/// </summary>
internal static class AnomalyScoreGraph
{
    /// <summary>Emits the score, shape [N].</summary>
    /// <param name="graph">The graph being built.</param>
    /// <param name="scorer">The detector's scorer: its neighbour samples and score scales.</param>
    /// <param name="scaled">The rows in the scaler's units, [N, features].</param>
    /// <param name="featureErrors">The squared errors averaged over the ensemble's networks, [N, features], NaN rows already NaN.</param>
    /// <param name="poison">[N, 1]: NaN for rows holding NaN, 0 for the others (see <see cref="MissingRows"/>).</param>
    public static string Emit(OnnxGraphBuilder graph, AnomalyScorer scorer, string scaled, string featureErrors, string poison)
    {
        string reconstruction = graph.Node("ReduceMean", "reconstruction_error", [featureErrors], Attribute("axes", [1L]), Attribute("keepdims", 0L));
        if (scorer.Neighbors is not { } neighbors)
            return reconstruction;
        string distance = NeighborDistanceGraph.Emit(graph, neighbors, scaled);
        string poisoned = graph.Node("Add", "neighbor_distance", [distance, graph.Node("Squeeze", "row_poison", [poison, graph.Int64s("axes", 1)])]);
        var scales = scorer.Scales;
        // As ScoreScales.Combine: max(reconstruction / Reconstruction, neighbor / Neighbor), or 0.5f * (their sum) for a format 2 model.
        // ONNX Max propagates NaN (a row holding NaN scores NaN), as Combine does.
        string reconstructionRatio = graph.Node("Div", "reconstruction_ratio", [reconstruction, graph.Scalar(scales.Reconstruction)]);
        string neighborRatio = graph.Node("Div", "neighbor_ratio", [poisoned, graph.Scalar(scales.Neighbor)]);
        if (scales.Combination == ViewCombination.Maximum)
            return graph.Node("Max", "score", [reconstructionRatio, neighborRatio]);
        return graph.Node("Mul", "score", [graph.Scalar(0.5f), graph.Node("Add", "views", [reconstructionRatio, neighborRatio])]);
    }
}
