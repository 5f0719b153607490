using System.Runtime.InteropServices;
using static TorchSharp.torch;

namespace MLNet.Autoencoders.Transforms.Scoring;

/// <summary>
/// Moves float values between managed spans and CPU tensors with one memory copy. TorchSharp's
/// <c>tensor.data&lt;float&gt;().CopyTo/CopyFrom</c> walk the elements through an index enumerator, a few nanoseconds
/// each: on the benchmark's 784-feature rows that cost more than the forward pass itself.
/// </summary>
internal static class TensorMemory
{
    /// <summary>A new [rows, columns] float tensor holding a copy of <paramref name="values"/> (row-major), in the current dispose scope.</summary>
    public static Tensor FromSpan(ReadOnlySpan<float> values, long rows, long columns)
    {
        var result = empty(rows, columns);
        values[..checked((int)(rows * columns))].CopyTo(Values(result));
        return result;
    }

    /// <summary>Copies every value of the float tensor <paramref name="source"/>, in row-major order, to the start of <paramref name="destination"/>.</summary>
    public static void CopyTo(Tensor source, Span<float> destination)
    {
        if (source.is_contiguous())
        {
            Values(source).CopyTo(destination);
            return;
        }
        using var contiguous = source.contiguous();
        Values(contiguous).CopyTo(destination);
    }

    private static Span<float> Values(Tensor contiguous)
    {
        if (contiguous.dtype != ScalarType.Float32)
            throw new InvalidOperationException($"Expected a Float32 tensor; got {contiguous.dtype}.");
        return MemoryMarshal.Cast<byte, float>(contiguous.bytes);
    }
}
