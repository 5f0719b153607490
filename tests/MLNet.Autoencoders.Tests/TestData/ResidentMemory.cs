namespace MLNet.Autoencoders.Tests.TestData;

/// <summary>This process's resident set size, from /proc/self/statm.</summary>
public static class ResidentMemory
{
    public static long Bytes() => long.Parse(File.ReadAllText("/proc/self/statm").Split(' ')[1]) * Environment.SystemPageSize;

    public static long Megabytes() => Bytes() / (1024 * 1024);
}
