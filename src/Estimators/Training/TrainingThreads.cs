using MLNet.Autoencoders.Transforms.Networks;

namespace MLNet.Autoencoders.Estimators.Training;

/// <summary>
/// The intra-op thread count a fit uses when <c>NumberOfThreads</c> is not set, chosen from the work of one optimiser
/// step, and the bound on an explicit count.
/// </summary>
/// <remarks>
/// Splitting a small network's matrix products across threads costs more in synchronisation than it saves, and on a
/// machine where another process holds a core every split step waits for the slowest thread: on the 2-core development
/// machine with one busy neighbour, epochs of small networks took 2-5 times longer on 2 threads than on 1, and single
/// epochs up to 20 s (the benchmark's <c>--thread-default</c> mode: 50,000 rows of a 9-18-2-18-9 network, 0.89 s an epoch on
/// 1 thread and 4.23 s on 2 with a busy neighbour; 0.91 s and 0.64 s on an idle machine). A step of fewer than <see cref="ParallelWork"/> multiply-adds (about parameters x batch rows for a
/// dense network) therefore runs on one thread; larger ones, and every convolutional network, use every core.
/// </remarks>
internal static class TrainingThreads
{
    /// <summary>Multiply-adds per optimiser step (forward pass) from which a dense fit uses every core: a millisecond or more of one core's work.</summary>
    public const double ParallelWork = 16_000_000;

    /// <summary>The most intra-op threads a fit may ask for: more than this only adds idle OS threads.</summary>
    public static int Maximum => Environment.ProcessorCount * 4;

    /// <summary>The thread count for a fit of <paramref name="architecture"/> with batches of <paramref name="batchSize"/> rows.</summary>
    public static int Choose(int? requested, NetworkArchitecture architecture, int batchSize)
    {
        if (requested is { } threads)
            return threads;
        bool convolutional = architecture is ConvolutionalArchitecture or ConvolutionalVariationalArchitecture;
        return convolutional || ParameterMemory.Count(architecture) * batchSize >= ParallelWork ? Environment.ProcessorCount : 1;
    }

    /// <summary>Throws when an explicit <paramref name="requested"/> count exceeds <see cref="Maximum"/>.</summary>
    public static void Validate(int? requested, string optionName)
    {
        if (requested is { } threads && threads > Maximum)
            throw new ArgumentOutOfRangeException(optionName, threads,
                $"'{optionName}' must be at most {Maximum} (4 x the {Environment.ProcessorCount} cores of this machine); libtorch starts one OS thread per intra-op thread. Got {threads}.");
    }
}
