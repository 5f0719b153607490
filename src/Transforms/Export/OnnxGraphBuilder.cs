using Google.Protobuf;
using Onnx;
using static TorchSharp.torch;

namespace MLNet.Autoencoders.Transforms.Export;

/// <summary>
/// Accumulates an ONNX graph: named nodes, weights stored as initializers, and the graph's inputs and outputs.
/// Intermediate values get generated names under a prefix no ML.NET column is likely to use, so that only the
/// graph's inputs and outputs carry column names.
/// </summary>
internal sealed class OnnxGraphBuilder
{
    private const string Prefix = "mlnet_autoencoders/";
    private readonly Dictionary<string, string> sharedConstants = [];
    private int counter;

    public GraphProto Graph { get; } = new() { Name = "mlnet_autoencoders" };

    /// <summary>A new, unique name for an intermediate value.</summary>
    public string NewName(string hint) => $"{Prefix}{hint}_{counter++}";

    /// <summary>Adds a node of <paramref name="op"/> with one output and returns the output's name.</summary>
    public string Node(string op, string hint, IEnumerable<string> inputs, params AttributeProto[] attributes)
    {
        string output = NewName(hint);
        Node(op, inputs, [output], attributes);
        return output;
    }

    /// <summary>Adds a node of <paramref name="op"/> writing the named <paramref name="outputs"/>.</summary>
    public void Node(string op, IEnumerable<string> inputs, IEnumerable<string> outputs, params AttributeProto[] attributes)
    {
        var node = new NodeProto { OpType = op, Name = $"{Prefix}{op}_{counter++}" };
        node.Input.AddRange(inputs);
        node.Output.AddRange(outputs);
        node.Attribute.AddRange(attributes);
        Graph.Node.Add(node);
    }

    /// <summary>Copies <paramref name="values"/> of shape <paramref name="dims"/> into an initializer; returns its name.</summary>
    public string Floats(string hint, ReadOnlySpan<float> values, params long[] dims)
    {
        var tensor = new TensorProto { Name = NewName(hint), DataType = (int)TensorProto.Types.DataType.Float };
        tensor.Dims.AddRange(dims);
        var bytes = new byte[values.Length * sizeof(float)];
        System.Runtime.InteropServices.MemoryMarshal.AsBytes(values).CopyTo(bytes);
        if (!BitConverter.IsLittleEndian)
            throw new PlatformNotSupportedException("ONNX export writes little-endian weights and runs only on little-endian machines.");
        tensor.RawData = ByteString.CopyFrom(bytes);
        Graph.Initializer.Add(tensor);
        return tensor.Name;
    }

    /// <summary>Copies a TorchSharp parameter (any shape, float32) into an initializer of the same shape.</summary>
    public string Weights(string hint, Tensor parameter)
    {
        using var scope = NewDisposeScope();
        using var detached = parameter.detach().cpu().contiguous();
        if (detached.dtype != ScalarType.Float32)
            throw new NotSupportedException($"The parameter '{hint}' is of type {detached.dtype}; ONNX export writes float32 weights only.");
        return Floats(hint, detached.data<float>().ToArray(), detached.shape);
    }

    /// <summary>A float scalar constant (rank 0), shared by every node that uses the same value.</summary>
    public string Scalar(float value)
    {
        string key = "f" + BitConverter.SingleToInt32Bits(value).ToString("x8", System.Globalization.CultureInfo.InvariantCulture);
        if (!sharedConstants.TryGetValue(key, out var name))
            sharedConstants[key] = name = Floats("constant", [value]);
        return name;
    }

    /// <summary>A 1-D int64 constant, e.g. a shape or a list of axes.</summary>
    public string Int64s(string hint, params long[] values)
    {
        var tensor = new TensorProto { Name = NewName(hint), DataType = (int)TensorProto.Types.DataType.Int64 };
        tensor.Dims.Add(values.Length);
        tensor.Int64Data.AddRange(values);
        Graph.Initializer.Add(tensor);
        return tensor.Name;
    }

    /// <summary>Declares a graph input of float rows: shape [N, dims...] with a symbolic batch dimension N.</summary>
    public void Input(string name, params long[] dims) => Graph.Input.Add(ValueInfo(name, TensorProto.Types.DataType.Float, dims));

    /// <summary>Declares a graph output: shape [N, dims...] with the symbolic batch dimension N.</summary>
    public void Output(string name, TensorProto.Types.DataType type, params long[] dims) => Graph.Output.Add(ValueInfo(name, type, dims));

    /// <summary>Renames the value <paramref name="value"/> to the output name <paramref name="output"/> with an Identity node.</summary>
    public void Expose(string value, string output) => Node("Identity", [value], [output]);

    public static AttributeProto Attribute(string name, long value) =>
        new() { Name = name, Type = AttributeProto.Types.AttributeType.Int, I = value };

    public static AttributeProto Attribute(string name, float value) =>
        new() { Name = name, Type = AttributeProto.Types.AttributeType.Float, F = value };

    public static AttributeProto Attribute(string name, string value) =>
        new() { Name = name, Type = AttributeProto.Types.AttributeType.String, S = ByteString.CopyFromUtf8(value) };

    public static AttributeProto Attribute(string name, IEnumerable<long> values)
    {
        var attribute = new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Ints };
        attribute.Ints.AddRange(values);
        return attribute;
    }

    private static ValueInfoProto ValueInfo(string name, TensorProto.Types.DataType type, long[] dims)
    {
        var shape = new TensorShapeProto();
        shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimParam = "N" });
        foreach (long dim in dims)
            shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimValue = dim });
        return new ValueInfoProto
        {
            Name = name,
            Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)type, Shape = shape } },
        };
    }
}
