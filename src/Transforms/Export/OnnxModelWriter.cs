using System.Reflection;
using Google.Protobuf;
using Onnx;

namespace MLNet.Autoencoders.Transforms.Export;

/// <summary>
/// Wraps a built graph in an ONNX model (IR version 8, the default opset 17, metadata saying what the file holds) and
/// writes it. Opset 17 is read by ONNX Runtime 1.31 and by the older runtimes behind ML.NET's OnnxTransformer,
/// SynapseML and SQL <c>PREDICT</c>.
/// </summary>
internal static class OnnxModelWriter
{
    /// <summary>The ONNX operator set the exported graphs use.</summary>
    public const long OpsetVersion = 17;

    /// <summary>The ONNX IR version that goes with <see cref="OpsetVersion"/>.</summary>
    public const long IrVersion = 8;

    /// <summary>The prefix of the metadata keys the exporter writes.</summary>
    public const string MetadataPrefix = "mlnet_autoencoders.";

    public const string ProducerName = "MLNet.Autoencoders";

    /// <summary>The model for <paramref name="graph"/>, with <paramref name="metadata"/> (keys without the prefix) in its metadata_props.</summary>
    public static ModelProto CreateModel(OnnxGraphBuilder graph, string component, string description, IEnumerable<(string Key, string Value)> metadata)
    {
        var model = new ModelProto
        {
            IrVersion = IrVersion,
            ProducerName = ProducerName,
            ProducerVersion = LibraryVersion(),
            Domain = "ai.mlnet.autoencoders",
            ModelVersion = 1,
            DocString = description,
            Graph = graph.Graph,
        };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = OpsetVersion });
        model.MetadataProps.Add(new StringStringEntryProto { Key = MetadataPrefix + "component", Value = component });
        // Also here: ONNX Runtime's ModelMetadata shows the producer's name but not its version.
        model.MetadataProps.Add(new StringStringEntryProto { Key = MetadataPrefix + "library_version", Value = model.ProducerVersion });
        foreach (var (key, value) in metadata)
            model.MetadataProps.Add(new StringStringEntryProto { Key = MetadataPrefix + key, Value = value });
        return model;
    }

    /// <summary>Writes <paramref name="model"/> to <paramref name="stream"/> (left open).</summary>
    public static void Write(ModelProto model, Stream stream) => model.WriteTo(stream);

    /// <summary>The library's informational version, e.g. "0.2.0+abc123".</summary>
    public static string LibraryVersion()
    {
        var assembly = typeof(OnnxModelWriter).Assembly;
        return assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            ?? assembly.GetName().Version?.ToString() ?? "unknown";
    }
}
