using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace MLNet.Autoencoders.Tests.Export;

/// <summary>Scores rows with an exported model in ONNX Runtime directly (all graph optimisations on), one batch of all rows.</summary>
internal static class OnnxRuntimeScoring
{
    /// <summary>Runs <paramref name="model"/> on <paramref name="rows"/> fed to <paramref name="input"/>; returns each output's values per row.</summary>
    public static Dictionary<string, object[]> Run(string model, string input, IReadOnlyList<float[]> rows)
    {
        using var options = new SessionOptions { GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL };
        using var session = new InferenceSession(model, options);
        int size = rows[0].Length;
        var tensor = new DenseTensor<float>(rows.SelectMany(r => r).ToArray(), [rows.Count, size]);
        using var results = session.Run([NamedOnnxValue.CreateFromTensor(input, tensor)]);
        var outputs = new Dictionary<string, object[]>();
        foreach (var result in results)
        {
            outputs[result.Name] = result.ElementType switch
            {
                TensorElementType.Float => PerRow(result.AsTensor<float>(), rows.Count),
                TensorElementType.Bool => PerRow(result.AsTensor<bool>(), rows.Count),
                var other => throw new InvalidOperationException($"Unexpected output type {other} of {result.Name}."),
            };
        }
        return outputs;
    }

    /// <summary>Splits an [N] or [N, k] tensor into N rows: a scalar for [N], an array for [N, k].</summary>
    private static object[] PerRow<T>(Tensor<T> tensor, int rows)
    {
        var values = tensor.ToArray();
        if (tensor.Dimensions.Length == 1)
            return values.Select(v => (object)v!).ToArray();
        int width = values.Length / rows;
        return Enumerable.Range(0, rows).Select(r => (object)values.AsSpan(r * width, width).ToArray()).ToArray();
    }
}
