namespace MLNet.Autoencoders.Transforms.Export;

/// <summary>
/// Makes the exported graph give a row holding NaN NaN outputs, as libtorch does. ONNX leaves what <c>Relu</c> and
/// <c>MaxPool</c> do with NaN to the runtime (ONNX Runtime's may return 0), so the graph adds each row's NaN "poison",
/// the sum of its NaN inputs (NaN or 0), to its outputs explicitly.
/// </summary>
internal static class MissingRows
{
    /// <summary>An [N, 1] value: NaN for rows of <paramref name="input"/> holding a NaN, 0 for the others.</summary>
    public static string Poison(OnnxGraphBuilder graph, string input)
    {
        string nans = graph.Node("Where", "nan_only", [graph.Node("IsNaN", "is_nan", [input]), input, graph.Scalar(0f)]);
        return graph.Node("ReduceSum", "row_poison", [nans, graph.Int64s("axes", 1)], OnnxGraphBuilder.Attribute("keepdims", 1L));
    }

    /// <summary><paramref name="value"/> ([N, k]) with NaN rows wherever <paramref name="poison"/> is NaN.</summary>
    public static string Apply(OnnxGraphBuilder graph, string value, string poison) => graph.Node("Add", "poisoned", [value, poison]);
}
