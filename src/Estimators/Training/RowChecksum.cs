using System.Runtime.InteropServices;

namespace MLNet.Autoencoders.Estimators.Training;

/// <summary>
/// A cheap fingerprint of the rows a pass over a data view read, to notice a view whose values change between passes
/// (a lazily computed column with randomness, a file rewritten underneath) when its row count does not. Each row's
/// 64-bit FNV-1a hash of its float bits, summed: the order of the rows does not matter, their values do.
/// </summary>
internal static class RowChecksum
{
    private const ulong OffsetBasis = 14695981039346656037, Prime = 1099511628211;

    /// <summary>The hash of one row.</summary>
    public static ulong Of(ReadOnlySpan<float> row)
    {
        ulong hash = OffsetBasis;
        foreach (uint bits in MemoryMarshal.Cast<float, uint>(row))
            hash = (hash ^ bits) * Prime;
        return hash;
    }

    /// <summary>The sum of the hashes of the rows of <paramref name="rows"/>, row-major with <paramref name="featureCount"/> values per row.</summary>
    public static ulong OfRows(ReadOnlySpan<float> rows, int featureCount)
    {
        ulong sum = 0;
        for (int start = 0; start < rows.Length; start += featureCount)
            sum += Of(rows.Slice(start, featureCount));
        return sum;
    }
}
