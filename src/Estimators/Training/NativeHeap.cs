using System.Runtime.InteropServices;

namespace MLNet.Autoencoders.Estimators.Training;

/// <summary>
/// Hands freed native heap memory back to the operating system. libtorch allocates and frees megabytes of
/// activations per batch; glibc keeps freed memory in its arenas, so without a trim the process's resident
/// size grows by hundreds of megabytes over an epoch although no tensor is alive.
/// </summary>
internal static unsafe class NativeHeap
{
    private static readonly delegate* unmanaged<nuint, int> MallocTrim = FindMallocTrim();

    /// <summary>Calls glibc's <c>malloc_trim(0)</c>; does nothing where it does not exist (musl, macOS, Windows).</summary>
    public static void Trim()
    {
        if (MallocTrim != null)
            MallocTrim(0);
    }

    private static delegate* unmanaged<nuint, int> FindMallocTrim()
    {
        if (!OperatingSystem.IsLinux() || !NativeLibrary.TryLoad("libc.so.6", out var libc))
            return null;
        return NativeLibrary.TryGetExport(libc, "malloc_trim", out var address) ? (delegate* unmanaged<nuint, int>)address : null;
    }
}
