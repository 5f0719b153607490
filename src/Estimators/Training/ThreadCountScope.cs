using static TorchSharp.torch;

namespace MLNet.Autoencoders.Estimators.Training;

/// <summary>Sets libtorch's process-wide intra-op thread count for a scope and restores the previous value.</summary>
internal sealed class ThreadCountScope : IDisposable
{
    private readonly int previous;

    private ThreadCountScope(int threads)
    {
        previous = get_num_threads();
        set_num_threads(threads);
    }

    /// <summary>A scope that sets <paramref name="threads"/>, or does nothing when it is <see langword="null"/>.</summary>
    public static IDisposable Set(int? threads) => threads is { } count ? new ThreadCountScope(count) : EmptyScope.Instance;

    public void Dispose() => set_num_threads(previous);
}
