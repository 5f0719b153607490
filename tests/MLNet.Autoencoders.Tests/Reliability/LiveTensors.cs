using TorchSharp;

namespace MLNet.Autoencoders.Tests.Reliability;

/// <summary>
/// TorchSharp 0.107's count of live tensors. It also counts, forever, the temporary each new layer parameter is
/// made from (<c>torch.empty(...).AsParameter()</c> moves the native handle out, and a wrapper without a handle is
/// never uncounted): one per parameter tensor of every network built. Those wrappers hold no native memory.
/// </summary>
internal static class LiveTensors
{
    public static long Count()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        return torch.Tensor.TotalCount;
    }
}
