using MLNet.Autoencoders.Estimators;
using MLNet.Autoencoders.Transforms;

namespace MLNet.Autoencoders.Tests.Export;

/// <summary>Exporting needs the protobuf runtime only: the library's assemblies reference no ONNX Runtime or OnnxTransformer.</summary>
[TestClass]
public sealed class OnnxDependencyTests
{
    [TestMethod]
    public void LibraryAssemblies_ReferenceProtobufButNoOnnxRuntime()
    {
        var transforms = typeof(AutoencoderTransformer).Assembly.GetReferencedAssemblies().Select(a => a.Name).ToArray();
        var estimators = typeof(AutoencoderOptions).Assembly.GetReferencedAssemblies().Select(a => a.Name).ToArray();

        CollectionAssert.Contains(transforms, "Google.Protobuf");
        foreach (string? name in transforms.Concat(estimators))
            Assert.IsFalse(name!.StartsWith("Microsoft.ML.OnnxRuntime", StringComparison.Ordinal) || name == "Microsoft.ML.OnnxTransformer", name);
    }
}
