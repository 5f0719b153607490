using MLNet.Autoencoders.Transforms.Networks;
using static TorchSharp.torch;

namespace MLNet.Autoencoders.Transforms.Export;

/// <summary>
/// The ONNX form of an <see cref="AutoencoderNetwork"/>'s two halves, on flat [N, features] rows in scaled units, as
/// <see cref="AutoencoderNetwork.Encode"/> and <see cref="AutoencoderNetwork.Decode"/> compute them: for a variational
/// network the encoder gives the posterior mean and log-variance (no sampling). Reads the layers from the module tree
/// (the sub-modules each network registers: <c>encoder</c>, <c>decoder</c>, <c>trunk</c>, <c>features</c>, <c>mean</c>,
/// <c>logVariance</c>).
/// </summary>
internal sealed class NetworkGraph
{
    private readonly AutoencoderNetwork network;
    private readonly string name;
    private readonly Dictionary<string, nn.Module> children;

    /// <param name="network">The network to export.</param>
    /// <param name="name">A prefix for layer paths in messages, e.g. "network" or "member 2".</param>
    /// <exception cref="NotSupportedException">The network is not one of the library's four kinds.</exception>
    public NetworkGraph(AutoencoderNetwork network, string name)
    {
        if (network is not (DenseAutoencoderNetwork or VariationalAutoencoderNetwork or ConvolutionalAutoencoderNetwork
            or ConvolutionalVariationalAutoencoderNetwork))
        {
            throw new NotSupportedException($"Cannot export a {network.GetType().Name} to ONNX: the exporter knows the library's dense, "
                + "variational, convolutional and convolutional variational networks only. Nothing was written.");
        }
        this.network = network;
        this.name = name;
        children = network.named_children().ToDictionary(c => c.name, c => c.module);
    }

    /// <summary>Emits the encoder on <paramref name="scaled"/> rows; returns the code (posterior mean) and, for a VAE, the log-variance.</summary>
    public (string Latent, string? LogVariance) Encode(OnnxGraphBuilder graph, string scaled)
    {
        switch (network)
        {
            case DenseAutoencoderNetwork:
                return (Emit(graph, "encoder", scaled), null);
            case ConvolutionalAutoencoderNetwork:
                return (Emit(graph, "encoder", Images(graph, scaled)), null);
            case VariationalAutoencoderNetwork:
            {
                string hidden = children.ContainsKey("trunk") ? Emit(graph, "trunk", scaled) : scaled;
                return (Emit(graph, "mean", hidden), Emit(graph, "logVariance", hidden));
            }
            default:
            {
                string hidden = Emit(graph, "features", Images(graph, scaled));
                return (Emit(graph, "mean", hidden), Emit(graph, "logVariance", hidden));
            }
        }
    }

    /// <summary>Emits the decoder on <paramref name="latent"/> codes; returns the flat [N, features] reconstruction in scaled units.</summary>
    public string Decode(OnnxGraphBuilder graph, string latent)
    {
        string decoded = Emit(graph, "decoder", latent);
        return network is ConvolutionalAutoencoderNetwork or ConvolutionalVariationalAutoencoderNetwork
            ? graph.Node("Flatten", "flat", [decoded], OnnxGraphBuilder.Attribute("axis", 1L))
            : decoded;
    }

    private string Emit(OnnxGraphBuilder graph, string child, string input)
    {
        if (!children.TryGetValue(child, out var module))
            throw new NotSupportedException($"Cannot export {name} ({network.Architecture}) to ONNX: it has no '{child}' layers. Nothing was written.");
        return LayerExport.Emit(graph, module, $"{name}.{child}", input);
    }

    /// <summary>Views flat planar pixel rows as [N, C, H, W] images, as the convolutional networks' Encode does.</summary>
    private string Images(OnnxGraphBuilder graph, string flat)
    {
        var image = network.Architecture switch
        {
            ConvolutionalArchitecture convolution => convolution.Image,
            ConvolutionalVariationalArchitecture variational => variational.Convolution.Image,
            var other => throw new NotSupportedException($"Cannot export {name} to ONNX: {other} is not a convolutional architecture."),
        };
        return graph.Node("Reshape", "images", [flat, graph.Int64s("shape", -1, image.Channels, image.Height, image.Width)]);
    }
}
