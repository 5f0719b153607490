using System.Runtime.InteropServices;
using static TorchSharp.torch;

namespace MLNet.Autoencoders.Transforms.Scoring;

/// <summary>
/// Moves float values between managed spans and CPU tensors with memory copies. TorchSharp's
/// <c>tensor.data&lt;float&gt;().CopyTo/CopyFrom</c> walk the elements through an index enumerator, a few nanoseconds
/// each: on the benchmark's 784-feature rows that cost more than the forward pass itself.
/// </summary>
internal static class TensorMemory
{
    /// <summary>Values per copy: TorchSharp's byte span of a tensor stops at 2 GB.</summary>
    private const long ChunkValues = 1L << 28;

    /// <summary>A new [rows, columns] float tensor holding a copy of <paramref name="values"/> (row-major), in the current dispose scope.</summary>
    public static Tensor FromSpan(ReadOnlySpan<float> values, long rows, long columns)
    {
        var result = empty(rows, columns);
        using var flat = result.view(-1);
        Copy(values[..checked((int)(rows * columns))], flat, toTensor: true, default);
        return result;
    }

    /// <summary>Copies every value of the float tensor <paramref name="source"/>, in row-major order, to the start of <paramref name="destination"/>.</summary>
    public static void CopyTo(Tensor source, Span<float> destination)
    {
        using var contiguous = source.contiguous();
        using var flat = contiguous.view(-1);
        Copy(default, flat, toTensor: false, destination);
    }

    private static void Copy(ReadOnlySpan<float> from, Tensor flat, bool toTensor, Span<float> to)
    {
        if (flat.dtype != ScalarType.Float32)
            throw new InvalidOperationException($"Expected a Float32 tensor; got {flat.dtype}.");
        long total = flat.shape[0];
        for (long start = 0; start < total; start += ChunkValues)
        {
            using var part = flat.narrow(0, start, Math.Min(ChunkValues, total - start));
            var values = MemoryMarshal.Cast<byte, float>(part.bytes);
            if (toTensor)
                from.Slice((int)start, values.Length).CopyTo(values);
            else
                values.CopyTo(to[(int)start..]);
        }
    }
}
