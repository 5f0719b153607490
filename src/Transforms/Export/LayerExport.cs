using MLNet.Autoencoders.Transforms.Networks;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static MLNet.Autoencoders.Transforms.Export.OnnxGraphBuilder;

namespace MLNet.Autoencoders.Transforms.Export;

/// <summary>
/// Emits the ONNX nodes of one TorchSharp layer (or a <c>Sequential</c> of them), reading its weights from the module's
/// own parameters and its settings (stride, padding, slope) from the module. A layer it does not know, or a setting it
/// cannot reproduce exactly, stops the export with the layer's path and the reason: never a graph that computes something else.
/// </summary>
internal static class LayerExport
{
    /// <summary>Emits <paramref name="module"/> applied to <paramref name="input"/>; returns the name of its output.</summary>
    /// <param name="graph">The graph being built.</param>
    /// <param name="module">The layer.</param>
    /// <param name="path">The layer's path in the network, e.g. "encoder.conv0", for node names and error messages.</param>
    /// <param name="input">The name of the layer's input value.</param>
    /// <exception cref="NotSupportedException">The layer, or one of its settings, has no exact ONNX equivalent here.</exception>
    public static string Emit(OnnxGraphBuilder graph, nn.Module module, string path, string input) => module switch
    {
        Sequential sequential => EmitSequence(graph, sequential, path, input),
        Linear linear => graph.Node("Gemm", "linear", [input, graph.Weights(path + ".weight", linear.weight!), Bias(graph, linear.bias, path, linear.out_features)],
            Attribute("transB", 1L)),
        TorchSharp.Modules.ReLU => graph.Node("Relu", "relu", [input]),
        TorchSharp.Modules.Tanh => graph.Node("Tanh", "tanh", [input]),
        TorchSharp.Modules.Sigmoid => graph.Node("Sigmoid", "sigmoid", [input]),
        HeldScalarActivation held => held.Activation == Activation.LeakyRelu
            ? graph.Node("LeakyRelu", "leaky_relu", [input], Attribute("alpha", (float)NativeScalars.LeakyReluSlopeValue))
            : graph.Node("Elu", "elu", [input], Attribute("alpha", 1f)),
        LeakyReLU leaky => graph.Node("LeakyRelu", "leaky_relu", [input], Attribute("alpha", (float)leaky.negative_slope)),
        ELU elu => graph.Node("Elu", "elu", [input], Attribute("alpha", (float)elu.alpha)),
        TorchSharp.Modules.GELU gelu => EmitGelu(graph, gelu, path, input),
        Conv2d conv => EmitConvolution(graph, conv, path, input),
        PaddedConvolution narrow => graph.Node("Conv", "conv",
            [input, graph.Weights(path + ".weight", narrow.Weight), graph.Weights(path + ".bias", narrow.Bias)],
            Attribute("kernel_shape", narrow.Weight.shape[2..]), Attribute("strides", [narrow.Stride, narrow.Stride]),
            Attribute("pads", [narrow.Padding, narrow.Padding, narrow.Padding, narrow.Padding])),
        ConvTranspose2d deconv => EmitTransposedConvolution(graph, deconv, path, input),
        MaxPool2d pool => EmitMaxPool(graph, pool, path, input),
        Upsample upsample => EmitUpsample(graph, upsample, path, input),
        Flatten flatten => flatten.start_dim == 1 && flatten.end_dim == -1
            ? graph.Node("Flatten", "flatten", [input], Attribute("axis", 1L))
            : throw Unsupported(path, module, $"it flattens dimensions {flatten.start_dim} to {flatten.end_dim}; only 1 to -1 exports"),
        Unflatten unflatten => unflatten.dim == 1
            ? graph.Node("Reshape", "unflatten", [input, graph.Int64s("shape", [-1, .. unflatten.unflattened_size])])
            : throw Unsupported(path, module, $"it unflattens dimension {unflatten.dim}; only dimension 1 exports"),
        _ => throw Unsupported(path, module, "the ONNX exporter has no translation for this kind of layer"),
    };

    /// <summary>The error for a layer that cannot be exported.</summary>
    public static NotSupportedException Unsupported(string path, nn.Module module, string why) =>
        new($"Cannot export layer '{path}' ({module.GetType().Name}) to ONNX: {why}. Nothing was written.");

    private static string EmitSequence(OnnxGraphBuilder graph, Sequential sequential, string path, string input)
    {
        string value = input;
        foreach (var (name, child) in sequential.named_children())
            value = Emit(graph, child, $"{path}.{name}", value);
        return value;
    }

    private static string Bias(OnnxGraphBuilder graph, Parameter? bias, string path, long size) =>
        bias is null ? graph.Floats(path + ".bias", new float[size], size) : graph.Weights(path + ".bias", bias);

    /// <summary>GELU as 0.5 x (1 + erf(x / sqrt 2)): the exact form libtorch computes, with ops of opset 17 (ONNX's Gelu op is opset 20).</summary>
    private static string EmitGelu(OnnxGraphBuilder graph, TorchSharp.Modules.GELU gelu, string path, string input)
    {
        if (gelu.approximate != TorchSharp.Modules.GELU.Approximate.none)
            throw Unsupported(path, gelu, $"its '{gelu.approximate}' approximation is not exported; only the exact GELU is");
        string scaled = graph.Node("Mul", "gelu", [input, graph.Scalar((float)(1 / Math.Sqrt(2)))]);
        string erf = graph.Node("Erf", "gelu", [scaled]);
        string onePlus = graph.Node("Add", "gelu", [erf, graph.Scalar(1f)]);
        string half = graph.Node("Mul", "gelu", [input, graph.Scalar(0.5f)]);
        return graph.Node("Mul", "gelu", [half, onePlus]);
    }

    private static string EmitConvolution(OnnxGraphBuilder graph, Conv2d conv, string path, string input)
    {
        if (conv.padding_mode != TorchSharp.PaddingModes.Zeros)
            throw Unsupported(path, conv, $"its padding mode is {conv.padding_mode}; only zero padding exports");
        if (conv.padding_type is not null)
            throw Unsupported(path, conv, $"its padding is '{conv.padding_type}' rather than explicit sizes");
        return graph.Node("Conv", "conv", [input, graph.Weights(path + ".weight", conv.weight!), Bias(graph, conv.bias, path, conv.out_channels)],
            Attribute("kernel_shape", conv.kernel_size), Attribute("strides", conv.stride), Attribute("dilations", conv.dilation),
            Attribute("group", conv.groups), Attribute("pads", [.. conv.padding!, .. conv.padding!]));
    }

    private static string EmitTransposedConvolution(OnnxGraphBuilder graph, ConvTranspose2d deconv, string path, string input)
    {
        if (deconv.padding_mode != TorchSharp.PaddingModes.Zeros)
            throw Unsupported(path, deconv, $"its padding mode is {deconv.padding_mode}; only zero padding exports");
        // TorchSharp's weight is [in, out / groups, kH, kW], the layout ONNX's ConvTranspose expects.
        return graph.Node("ConvTranspose", "deconv",
            [input, graph.Weights(path + ".weight", deconv.weight!), Bias(graph, deconv.bias, path, deconv.out_channels)],
            Attribute("kernel_shape", deconv.kernel_size), Attribute("strides", deconv.stride), Attribute("dilations", deconv.dilation),
            Attribute("group", deconv.groups), Attribute("pads", [.. deconv.padding!, .. deconv.padding!]),
            Attribute("output_padding", deconv.output_padding));
    }

    private static string EmitMaxPool(OnnxGraphBuilder graph, MaxPool2d pool, string path, string input)
    {
        long[] kernel = Pair(pool.kernel_size);
        long[] stride = pool.stride is { Length: > 0 } s ? Pair(s) : kernel;
        long[] padding = pool.padding is { Length: > 0 } p ? Pair(p) : [0, 0];
        long[] dilation = pool.dilation is { Length: > 0 } d ? Pair(d) : [1, 1];
        return graph.Node("MaxPool", "maxpool", [input],
            Attribute("kernel_shape", kernel), Attribute("strides", stride), Attribute("pads", [.. padding, .. padding]),
            Attribute("dilations", dilation), Attribute("ceil_mode", pool.ceil_mode ? 1L : 0L));
    }

    /// <summary>Nearest-neighbour upsampling by whole factors: ONNX Resize with the coordinate rule libtorch's 'nearest' uses (floor of dst / scale).</summary>
    private static string EmitUpsample(OnnxGraphBuilder graph, Upsample upsample, string path, string input)
    {
        if (upsample.mode != UpsampleMode.Nearest)
            throw Unsupported(path, upsample, $"its mode is {upsample.mode}; only nearest-neighbour upsampling exports");
        var factors = upsample.scale_factor.ToArray();
        if (factors.Length != 2 || factors.Any(f => f != Math.Floor(f) || f < 1))
            throw Unsupported(path, upsample, "it is not set by two whole scale factors (a fixed output size or fractional factors do not export)");
        string scales = graph.Floats("scales", [1f, 1f, (float)factors[0], (float)factors[1]], 4);
        return graph.Node("Resize", "upsample", [input, "", scales],
            Attribute("mode", "nearest"), Attribute("coordinate_transformation_mode", "asymmetric"), Attribute("nearest_mode", "floor"));
    }

    private static long[] Pair(long[] values) => values.Length == 1 ? [values[0], values[0]] : values;
}
