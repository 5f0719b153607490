using MLNet.Autoencoders.Transforms.AnomalyDetection;
using static MLNet.Autoencoders.Transforms.Export.OnnxGraphBuilder;

namespace MLNet.Autoencoders.Transforms.Export;

/// <summary>
/// The ONNX form of <see cref="NeighborDistances"/>: for each row, the squared distance to the k-th nearest row of each
/// sample of training rows, averaged over the samples and divided by the feature count.
/// </summary>
/// <remarks>
/// The squared distances to all sampled rows come from |x|^2 - 2 x.r + |r|^2 (one MatMul, [N, rows]) rather than from the
/// differences, which would need an [N, rows, features] tensor; the two agree to float rounding of the norms (clamped at
/// 0), and the k-th smallest value moves by no more than that. Rows holding NaN are made NaN by the caller.
/// </remarks>
internal static class NeighborDistanceGraph
{
    /// <summary>Emits the distances, shape [N], of the rows <paramref name="scaled"/> ([N, features], in the scaler's units).</summary>
    public static string Emit(OnnxGraphBuilder graph, NeighborDistances neighbors, string scaled)
    {
        int features = neighbors.FeatureCount, rows = neighbors.ReferenceRowCount;
        var reference = neighbors.Reference;
        var transposed = new float[features * rows];
        var norms = new float[rows];
        for (int r = 0; r < rows; r++)
        {
            double norm = 0;
            for (int j = 0; j < features; j++)
            {
                float value = reference[r * features + j];
                transposed[j * rows + r] = value;
                norm += (double)value * value;
            }
            norms[r] = (float)norm;
        }

        string inner = graph.Node("MatMul", "cross", [scaled, graph.Floats("neighbor_reference_t", transposed, features, rows)]);
        string rowNorms = graph.Node("ReduceSum", "row_norm", [graph.Node("Mul", "row_square", [scaled, scaled]), graph.Int64s("axes", 1)],
            Attribute("keepdims", 1L));
        string squared = graph.Node("Add", "squared_distance",
            [graph.Node("Sub", "squared_distance", [rowNorms, graph.Node("Mul", "cross2", [inner, graph.Scalar(2f)])]),
             graph.Floats("neighbor_reference_norm", norms, 1, rows)]);
        string distances = graph.Node("Max", "squared_distance", [squared, graph.Scalar(0f)]);

        string k = graph.Int64s("k", neighbors.NeighborCount);
        string kth = graph.Int64s("kth", neighbors.NeighborCount - 1);
        string? total = null;
        for (int s = 0; s < neighbors.SampleCount; s++)
        {
            string sample = graph.Node("Gather", "sample_distances",
                [distances, graph.Int64s($"sample{s}", [.. neighbors.Samples[s].Select(i => (long)i)])], Attribute("axis", 1L));
            string nearest = graph.NewName("nearest");
            graph.Node("TopK", [sample, k], [nearest, graph.NewName("nearest_index")], Attribute("axis", 1L), Attribute("largest", 0L), Attribute("sorted", 1L));
            string value = graph.Node("Squeeze", "kth_distance", [graph.Node("Gather", "kth_distance", [nearest, kth], Attribute("axis", 1L)), graph.Int64s("axes", 1)]);
            total = total is null ? value : graph.Node("Add", "distance_sum", [total, value]);
        }
        return graph.Node("Div", "neighbor_distance", [total!, graph.Scalar((float)(neighbors.SampleCount * (double)features))]);
    }
}
