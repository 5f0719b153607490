using static TorchSharp.torch;

namespace MLNet.Autoencoders.Transforms.Networks;

/// <summary>Seeded initialisation of any module's layers, shared by the autoencoder networks and the prediction heads.</summary>
internal static class ParameterInitialization
{
    /// <summary>
    /// Re-draws every weight and bias of the linear and convolutional layers of <paramref name="module"/> from PyTorch's
    /// default distribution, U(-1/sqrt(fan_in), 1/sqrt(fan_in)), using <paramref name="generator"/>, so that a seed fixes
    /// the initial weights without touching TorchSharp's global random state.
    /// </summary>
    public static void Reset(nn.Module module, Generator generator)
    {
        using var noGrad = no_grad();
        // Tensor.uniform_ rather than nn.init.uniform_: in TorchSharp 0.107 the latter ignores its generator.
        foreach (var layer in module.modules())
        {
            var own = layer.named_parameters(recurse: false).ToDictionary(p => p.name, p => p.parameter);
            if (!own.TryGetValue("weight", out var weight) || weight.dim() < 2)
                continue;
            long fanIn = weight.shape.Skip(1).Aggregate(1L, (product, size) => product * size);
            double bound = 1.0 / Math.Sqrt(fanIn);
            weight.uniform_(-bound, bound, generator);
            if (own.TryGetValue("bias", out var bias))
                bias.uniform_(-bound, bound, generator);
        }
    }
}
