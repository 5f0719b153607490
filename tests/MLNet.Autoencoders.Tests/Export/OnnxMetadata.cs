using Microsoft.ML.OnnxRuntime;

namespace MLNet.Autoencoders.Tests.Export;

/// <summary>Reads an ONNX file's metadata as ONNX Runtime reports it.</summary>
internal static class OnnxMetadata
{
    public static IReadOnlyDictionary<string, string> Read(string path)
    {
        using var session = new InferenceSession(path);
        var metadata = session.ModelMetadata;
        var values = new Dictionary<string, string>(metadata.CustomMetadataMap)
        {
            ["producer"] = metadata.ProducerName,
            ["domain"] = metadata.Domain,
            ["description"] = metadata.Description,
        };
        return values;
    }
}
