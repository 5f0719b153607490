using static TorchSharp.torch;

namespace MLNet.Autoencoders.Estimators.Training;

/// <summary>A detached copy of a module's parameters, used to keep the best epoch's weights during early stopping.</summary>
internal sealed class ParameterSnapshot : IDisposable
{
    private readonly Dictionary<string, Tensor> copies = new();

    /// <summary>Overwrites the snapshot with the module's current parameters.</summary>
    /// <remarks>
    /// The dispose scope holds the detached views until the copies are made. Without it, <c>parameter.detach().clone()</c>
    /// left the detached tensor unreferenced while libtorch cloned it, and a garbage collection in that window let its
    /// finalizer free it mid-call: the soak's segmentation fault (a null function pointer inside
    /// <c>TensorIteratorBase::build</c> under <c>THSTensor_clone</c>, on the first validation improvement of a fit).
    /// </remarks>
    public void Capture(nn.Module module) => Capture(module.named_parameters());

    /// <summary>Overwrites the snapshot with the current values of <paramref name="parameters"/>, by name.</summary>
    public void Capture(IEnumerable<(string name, TorchSharp.Modules.Parameter parameter)> parameters)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        foreach (var (name, parameter) in parameters)
        {
            if (copies.TryGetValue(name, out var copy))
                copy.copy_(parameter);
            else
            {
                using var detached = parameter.detach();
                copies[name] = detached.clone().DetachFromDisposeScope();
            }
        }
    }

    /// <summary>Writes the snapshot back into the module's parameters.</summary>
    public void Restore(nn.Module module) => Restore(module.named_parameters());

    /// <summary>Writes the snapshot back into <paramref name="parameters"/>, by name.</summary>
    public void Restore(IEnumerable<(string name, TorchSharp.Modules.Parameter parameter)> parameters)
    {
        using var noGrad = no_grad();
        foreach (var (name, parameter) in parameters)
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
