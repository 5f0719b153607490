using System.Runtime.InteropServices;

namespace MLNet.Autoencoders.Benchmarks;

/// <summary>Resident set size of this process, read from /proc, and a sampler that records its peak.</summary>
internal static class ProcessMemory
{
    public static long ResidentBytes()
    {
        var fields = File.ReadAllText("/proc/self/statm").Split(' ');
        return long.Parse(fields[1]) * Environment.SystemPageSize;
    }

    /// <summary>Runs <paramref name="action"/> while sampling RSS every few milliseconds; returns the peak seen.</summary>
    public static long PeakDuring(Action action)
    {
        long peak = ResidentBytes();
        using var done = new ManualResetEventSlim();
        var sampler = new Thread(() =>
        {
            while (!done.Wait(5))
                peak = Math.Max(peak, ResidentBytes());
        }) { IsBackground = true };
        sampler.Start();
        try
        {
            action();
        }
        finally
        {
            done.Set();
            sampler.Join();
        }
        return Math.Max(peak, ResidentBytes());
    }

    /// <summary>User and system CPU seconds this process has used (all threads), from /proc/self/stat.</summary>
    public static (double User, double System) CpuTimes()
    {
        string stat = File.ReadAllText("/proc/self/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (long.Parse(fields[11]) / 100.0, long.Parse(fields[12]) / 100.0);
    }

    /// <summary>User plus system CPU seconds this process has used (all threads), from /proc/self/stat.</summary>
    public static double CpuSeconds()
    {
        string stat = File.ReadAllText("/proc/self/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        // Fields 14 and 15 of proc(5) (utime, stime), counted after the ")" that ends the command name.
        return (long.Parse(fields[11]) + long.Parse(fields[12])) / 100.0;
    }

    /// <summary>Returns glibc's freed heap memory to the system (<c>malloc_trim(0)</c>), so that a measurement starts from live memory.</summary>
    public static void TrimNativeHeap() => MallocTrim(0);

    [DllImport("libc.so.6", EntryPoint = "malloc_trim")]
    private static extern int MallocTrim(nuint pad);

    public static string Megabytes(long bytes) => $"{bytes / (1024.0 * 1024.0):F0} MB";
}
