namespace MLNet.Autoencoders.Tests.Reliability;

/// <summary>
/// A background thread that forces full garbage collections and runs finalizers in a loop until disposed: any native
/// object whose managed owner became unreachable during a native call is then freed under that call, at once.
/// </summary>
internal sealed class CollectionHammer : IDisposable
{
    private readonly Thread thread;
    private volatile bool stopping;

    public CollectionHammer()
    {
        thread = new Thread(() =>
        {
            while (!stopping)
            {
                GC.Collect();
                GC.WaitForPendingFinalizers();
                Collections++;
            }
        }) { IsBackground = true, Name = nameof(CollectionHammer) };
        thread.Start();
    }

    /// <summary>How many collections the thread has forced so far.</summary>
    public long Collections { get; private set; }

    public void Dispose()
    {
        stopping = true;
        thread.Join();
    }
}
