using System.Runtime.InteropServices;

namespace MLNet.Autoencoders.Estimators.Training;

/// <summary>
/// glibc heap settings for training, set from inside the process (no environment variables needed).
/// <list type="bullet">
/// <item>Without them, libtorch's buffers above glibc's mmap threshold (128 KB until glibc adapts it, 32 MB at most;
/// a convolution's 256 x 32 x 28 x 28 activations are 26 MB) are mapped and unmapped every batch, and the kernel zeroes
/// their pages again each time:
/// on the convolutional benchmark a fifth to a quarter of the CPU time was system time (2.4-3.3 s of 10-11.5 s per epoch).
/// <see cref="KeepFreedMemoryWhileTraining"/> turns that off for the duration of a fit (<c>mallopt(M_MMAP_MAX, 0)</c> and
/// a trim threshold glibc never reaches), which is what <c>MALLOC_MMAP_MAX_=0 MALLOC_TRIM_THRESHOLD_=...</c> do.</item>
/// <item>glibc before 2.38 often fails to reuse freed 64-byte-aligned chunks, which is how libtorch allocates, so a
/// training loop whose live tensors stay constant can still see the heap grow epoch after epoch.
/// <see cref="GrowthGuard"/> trims (<c>malloc_trim(0)</c>) when the process has grown past a budget.</item>
/// </list>
/// Elsewhere (musl, macOS, Windows) all of this does nothing; the <see cref="DisableSwitch"/> AppContext switch turns it off.
/// </summary>
internal static unsafe class NativeHeap
{
    private const int MTrimThreshold = -1, MMmapThreshold = -3, MMmapMax = -4;

    /// <summary>glibc's default maximum number of mmapped chunks.</summary>
    private const int DefaultMmapMax = 65536;

    /// <summary>
    /// The mmap threshold glibc's own adaptive rule reaches once large buffers have been freed (its 64-bit maximum,
    /// <c>DEFAULT_MMAP_THRESHOLD_MAX</c>), and the trim threshold that rule pairs with it (twice as much). Any mallopt
    /// turns the adaptive rule off for good, so after a fit these are set explicitly: later scoring reuses its buffers.
    /// </summary>
    private const int AdaptedMmapThreshold = 32 << 20, AdaptedTrimThreshold = 64 << 20;

    private static readonly delegate* unmanaged<nuint, int> MallocTrim = (delegate* unmanaged<nuint, int>)Find("malloc_trim");
    private static readonly delegate* unmanaged<int, int, int> Mallopt = (delegate* unmanaged<int, int, int>)Find("mallopt");
    private static readonly Lock SettingsLock = new();

    /// <summary>
    /// The AppContext switch that leaves glibc's heap alone during fits (no mallopt, no trims), e.g.
    /// <c>AppContext.SetSwitch("MLNet.Autoencoders.DisableNativeHeapTuning", true)</c> or the same name in runtimeconfig.json.
    /// </summary>
    public const string DisableSwitch = "MLNet.Autoencoders.DisableNativeHeapTuning";

    private static bool Disabled => AppContext.TryGetSwitch(DisableSwitch, out bool disabled) && disabled;
    private static int fitsUnderway;

    /// <summary>Calls glibc's <c>malloc_trim(0)</c>, returning freed heap pages to the system.</summary>
    public static void Trim()
    {
        if (MallocTrim != null)
            MallocTrim(0);
    }

    /// <summary>
    /// Keeps freed buffers in the heap, for reuse by the next batch, until the returned scope is disposed; then (unless
    /// another fit is still under way) sets the thresholds glibc's adaptive rule would have reached and trims.
    /// Heap settings are process-wide.
    /// </summary>
    public static IDisposable KeepFreedMemoryWhileTraining()
    {
        if (Mallopt == null || Disabled)
            return EmptyScope.Instance;
        lock (SettingsLock)
        {
            if (fitsUnderway++ == 0)
            {
                Mallopt(MMmapMax, 0);
                Mallopt(MTrimThreshold, int.MaxValue);
            }
        }
        return new SettingsScope();
    }

    private static nint Find(string name) =>
        OperatingSystem.IsLinux() && NativeLibrary.TryLoad("libc.so.6", out var libc) && NativeLibrary.TryGetExport(libc, name, out var address)
            ? address
            : 0;

    private static long ResidentBytes()
    {
        Span<byte> text = stackalloc byte[128];
        using var statm = File.OpenRead("/proc/self/statm");
        int length = statm.Read(text);
        var fields = System.Text.Encoding.ASCII.GetString(text[..length]).Split(' ');
        return long.Parse(fields[1]) * Environment.SystemPageSize;
    }

    private sealed class SettingsScope : IDisposable
    {
        private bool disposed;

        public void Dispose()
        {
            if (disposed)
                return;
            disposed = true;
            lock (SettingsLock)
            {
                if (--fitsUnderway == 0)
                {
                    Mallopt(MMmapMax, DefaultMmapMax);
                    Mallopt(MMmapThreshold, AdaptedMmapThreshold);
                    Mallopt(MTrimThreshold, AdaptedTrimThreshold);
                }
            }
            Trim();
        }
    }

    /// <summary>
    /// Watches the process's resident size every few batches and trims the heap when it has grown more than a budget
    /// beyond the size it settled at after the first batches (which hold the working set of one batch).
    /// </summary>
    public sealed class GrowthGuard(long budgetBytes, int interval)
    {
        private readonly bool enabled = MallocTrim != null && !Disabled && File.Exists("/proc/self/statm");
        private long batches;
        private long settled = -1;

        /// <summary>Trims when due.</summary>
        public void AfterBatch()
        {
            if (!enabled || ++batches % interval != 0)
                return;
            long resident = ResidentBytes();
            if (settled < 0 || resident - settled <= budgetBytes)
            {
                settled = settled < 0 ? resident : settled;
                return;
            }
            Trim();
            // What a trim cannot return is live: accept it as the new level rather than trimming at every check.
            settled = Math.Max(settled, ResidentBytes() - budgetBytes / 2);
        }
    }
}
