namespace MLNet.Autoencoders.Transforms.Export;

/// <summary>
/// The one place where the exported detector turns what the ensemble computed into its <c>Score</c>: today the mean of
/// a row's per-feature errors, as <c>ReconstructionEnsemble.Score</c> computes it. A score that gains terms (e.g. a
/// distance to the training rows) adds their nodes here, beside the reconstruction term.
/// </summary>
internal static class AnomalyScoreGraph
{
    /// <summary>Emits the score, shape [N], from the ensemble's averaged feature errors, shape [N, features].</summary>
    /// <param name="graph">The graph being built.</param>
    /// <param name="scaled">The rows in the scaler's units, for terms that need them.</param>
    /// <param name="featureErrors">The squared errors averaged over the ensemble's networks.</param>
    public static string Emit(OnnxGraphBuilder graph, string scaled, string featureErrors)
    {
        _ = scaled;
        return graph.Node("ReduceMean", "score", [featureErrors], OnnxGraphBuilder.Attribute("axes", [1L]), OnnxGraphBuilder.Attribute("keepdims", 0L));
    }
}
