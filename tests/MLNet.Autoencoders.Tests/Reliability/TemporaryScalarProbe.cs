using TorchSharp;
using static TorchSharp.torch;

namespace MLNet.Autoencoders.Tests.Reliability;

/// <summary>Code the native-Scalar audit must flag (and one method it must not): never called, only read as IL.</summary>
internal static class TemporaryScalarProbe
{
    public static Tensor AddEpsilon(Tensor t, Scalar epsilon) => t.add_(epsilon);

    public static Tensor Sum(Tensor a, Tensor b) => a + b;

    public static Tensor Scale(Tensor t, double factor) => t.mul(factor);

    public static nn.Module<Tensor, Tensor> Activation() => nn.LeakyReLU(0.1);

    public static Tensor HeldScale(Tensor t, double factor)
    {
        using Scalar held = factor;
        return t.mul(held);
    }
}
