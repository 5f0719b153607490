namespace MLNet.Autoencoders.Estimators.Training;

/// <summary>A scope that changes nothing, for settings left as they are.</summary>
internal sealed class EmptyScope : IDisposable
{
    public static readonly EmptyScope Instance = new();

    private EmptyScope()
    {
    }

    public void Dispose()
    {
    }
}
