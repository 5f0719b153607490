using static TorchSharp.torch;

namespace MLNet.Autoencoders.Estimators.Training;

/// <summary>A detached copy of a module's parameters, used to keep the best epoch's weights during early stopping.</summary>
internal sealed class ParameterSnapshot : IDisposable
{
    private readonly Dictionary<string, Tensor> copies = new();

    /// <summary>Overwrites the snapshot with the module's current parameters.</summary>
    public void Capture(nn.Module module)
    {
        using var noGrad = no_grad();
        foreach (var (name, parameter) in module.named_parameters())
        {
            if (copies.TryGetValue(name, out var copy))
                copy.copy_(parameter);
            else
                copies[name] = parameter.detach().clone().DetachFromDisposeScope();
        }
    }

    /// <summary>Writes the snapshot back into the module's parameters.</summary>
    public void Restore(nn.Module module)
    {
        using var noGrad = no_grad();
        foreach (var (name, parameter) in module.named_parameters())
            parameter.copy_(copies[name]);
    }

    public bool IsEmpty => copies.Count == 0;

    public void Dispose()
    {
        foreach (var copy in copies.Values)
            copy.Dispose();
        copies.Clear();
    }
}
