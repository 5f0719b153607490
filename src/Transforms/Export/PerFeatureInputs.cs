using Onnx;

namespace MLNet.Autoencoders.Transforms.Export;

/// <summary>
/// Replaces a graph's one vector input [N, d] by d inputs of shape [N, 1], one per feature, joined in the graph by a
/// Concat into the value the vector input was: for engines that bind a model input to each table column (SQL
/// <c>PREDICT</c> with <c>RUNTIME = ONNX</c>).
/// </summary>
internal static class PerFeatureInputs
{
    /// <exception cref="ArgumentException">The names are not one per feature, repeat, or collide with the graph's outputs or the input.</exception>
    public static void Apply(ModelProto model, string input, IReadOnlyList<string> featureNames, string parameter)
    {
        ArgumentNullException.ThrowIfNull(featureNames, parameter);
        var graph = model.Graph;
        var vector = graph.Input.Single(i => i.Name == input);
        var dims = vector.Type.TensorType.Shape.Dim;
        if (dims.Count != 2)
            throw new ArgumentException($"'{parameter}': only a vector input of one dimension can be split into one input per feature; '{input}' has {dims.Count - 1}.", parameter);
        long featureCount = dims[1].DimValue;
        if (featureNames.Count != featureCount)
            throw new ArgumentException($"'{parameter}' must name each of the {featureCount} features of '{input}' once. Got {featureNames.Count} names.", parameter);
        var taken = graph.Output.Select(o => o.Name).Append(input).ToHashSet(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (string name in featureNames)
        {
            if (string.IsNullOrWhiteSpace(name))
                throw new ArgumentException($"'{parameter}' holds an empty name.", parameter);
            if (!seen.Add(name) || taken.Contains(name))
                throw new ArgumentException($"'{parameter}' holds '{name}' twice, or a name the model already uses for '{input}' or an output ({string.Join(", ", taken)}).", parameter);
        }

        graph.Input.Remove(vector);
        foreach (string name in featureNames)
        {
            var single = vector.Clone();
            single.Name = name;
            single.Type.TensorType.Shape.Dim[1].DimValue = 1;
            graph.Input.Add(single);
        }
        var concat = new NodeProto { OpType = "Concat", Name = $"{input}_from_features" };
        concat.Input.AddRange(featureNames);
        concat.Output.Add(input);
        concat.Attribute.Add(new AttributeProto { Name = "axis", Type = AttributeProto.Types.AttributeType.Int, I = 1 });
        graph.Node.Insert(0, concat);
        foreach (var entry in model.MetadataProps.Where(p => p.Key == OnnxModelWriter.MetadataPrefix + "input_columns"))
            entry.Value = string.Join(",", featureNames);
    }
}
