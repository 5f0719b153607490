using System.Runtime.InteropServices;

namespace MLNet.Autoencoders.Estimators.Training;

/// <summary>
/// Hands freed native heap memory back to the operating system. libtorch allocates its buffers 64-byte aligned
/// (<c>posix_memalign</c>), and glibc before 2.38 often fails to reuse freed aligned chunks, so a training loop
/// whose live tensors stay constant can still see the heap grow by hundreds of megabytes per epoch (measured here:
/// Debian 12, glibc 2.36, about 150-700 MB per epoch on the benchmark's 60,000 x 784 data, depending on the order
/// of small allocations in between). Trimming returns those free pages; nothing else changes.
/// </summary>
internal static unsafe class NativeHeap
{
    private static readonly delegate* unmanaged<nuint, int> MallocTrim = (delegate* unmanaged<nuint, int>)Find("malloc_trim");
    private static readonly delegate* unmanaged<MallocInfo> MallocInfo2 = (delegate* unmanaged<MallocInfo>)Find("mallinfo2");

    /// <summary>Calls glibc's <c>malloc_trim(0)</c>; does nothing where it does not exist (musl, macOS, Windows).</summary>
    public static void Trim()
    {
        if (MallocTrim != null)
            MallocTrim(0);
    }

    /// <summary>
    /// Trims when the heap holds more than <paramref name="bytes"/> of free memory (glibc's <c>mallinfo2</c>, a walk
    /// over the free lists, well under a millisecond); returns whether it trimmed.
    /// </summary>
    public static bool TrimIfFreeExceeds(long bytes)
    {
        if (MallocTrim == null || MallocInfo2 == null || (long)MallocInfo2().FreeBytes <= bytes)
            return false;
        MallocTrim(0);
        return true;
    }

    private static nint Find(string name) =>
        OperatingSystem.IsLinux() && NativeLibrary.TryLoad("libc.so.6", out var libc) && NativeLibrary.TryGetExport(libc, name, out var address)
            ? address
            : 0;

    /// <summary>glibc's <c>struct mallinfo2</c>; only the free bytes in the arenas are read.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private readonly struct MallocInfo
    {
        private readonly nuint arena, ordblks, smblks, hblks, hblkhd, usmblks, fsmblks, uordblks;

        /// <summary><c>fordblks</c>: the free bytes in the arenas.</summary>
        public readonly nuint FreeBytes;

        private readonly nuint keepcost;
    }
}
