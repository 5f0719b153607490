using MLNet.Autoencoders.Transforms.Decoding;
using MLNet.Autoencoders.Transforms.Networks;
using MLNet.Autoencoders.Transforms.Scoring;
using Onnx;

namespace MLNet.Autoencoders.Transforms.Export;

/// <summary>The ONNX graph of an <see cref="AutoencoderDecoderTransformer"/>: latent codes in, decoded rows in the input's units out.</summary>
internal static class DecoderGraph
{
    public static OnnxGraphBuilder Build(AutoencoderNetwork network, FeatureScaler scaler, DecoderColumnNames columns)
    {
        var architecture = network.Architecture;
        var graph = new OnnxGraphBuilder();
        graph.Input(columns.Latent, architecture.LatentDimension);
        string decoded = new ScalingGraph(scaler).Invert(graph, new NetworkGraph(network, "network").Decode(graph, columns.Latent));
        graph.Expose(decoded, columns.Output);
        graph.Output(columns.Output, TensorProto.Types.DataType.Float, architecture.OutputSize);
        return graph;
    }
}
