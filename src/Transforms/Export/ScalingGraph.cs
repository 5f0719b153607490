using MLNet.Autoencoders.Transforms.Scoring;

namespace MLNet.Autoencoders.Transforms.Export;

/// <summary>
/// The ONNX form of a <see cref="FeatureScaler"/>: the missing-value fill, <c>(x - offset) * scale</c> and its inverse
/// <c>y / scale + offset</c>, in the same float operations and order as the scaler, so the exported graph rounds as it does.
/// </summary>
internal sealed class ScalingGraph
{
    private readonly FeatureScaler scaler;
    private string? offset, scale, fill;

    public ScalingGraph(FeatureScaler scaler) => this.scaler = scaler;

    /// <summary>Replaces each NaN of <paramref name="input"/> by its feature's fill value; the input itself when the model has no fill.</summary>
    public string FillMissing(OnnxGraphBuilder graph, string input)
    {
        if (scaler.MissingValueFill is not { } values)
            return input;
        fill ??= graph.Floats("missing_value_fill", values.ToArray(), values.Count);
        return graph.Node("Where", "filled", [graph.Node("IsNaN", "missing", [input]), fill, input]);
    }

    /// <summary>Scales rows into the network's units.</summary>
    public string Apply(OnnxGraphBuilder graph, string input)
    {
        if (scaler.Kind == InputScaling.None)
            return input;
        EnsureConstants(graph);
        return graph.Node("Mul", "scaled", [graph.Node("Sub", "centred", [input, offset!]), scale!]);
    }

    /// <summary>Maps the network's output back to the input's units.</summary>
    public string Invert(OnnxGraphBuilder graph, string scaled)
    {
        if (scaler.Kind == InputScaling.None)
            return scaled;
        EnsureConstants(graph);
        return graph.Node("Add", "unscaled", [graph.Node("Div", "unscaled", [scaled, scale!]), offset!]);
    }

    private void EnsureConstants(OnnxGraphBuilder graph)
    {
        offset ??= graph.Floats("scaler_offset", scaler.Offset.ToArray(), scaler.FeatureCount);
        scale ??= graph.Floats("scaler_scale", scaler.Scale.ToArray(), scaler.FeatureCount);
    }
}
