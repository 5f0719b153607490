using TorchSharp;

namespace MLNet.Autoencoders.Transforms.Networks;

/// <summary>
/// The constant TorchSharp <see cref="Scalar"/>s that the networks and the training loop pass to native code, held for
/// the life of the process.
/// </summary>
/// <remarks>
/// A Scalar made from a number on the spot (<c>t * 0.5</c>, <c>t.clamp_min(1)</c>) is referenced by nothing once its
/// handle has been read, so a garbage collection during the native call can let its finalizer free it while libtorch
/// still reads it ("Expected false to be true" from <c>Scalar::toFloat</c>, or, silently, a wrong value). TorchSharp
/// makes such temporaries itself in convenience overloads: <c>a + b</c> is <c>a.add(b, 1)</c>, <c>t.add_(s)</c> is
/// <c>t.add_(s, 1)</c>, <c>t.square()</c> is <c>t.pow(2)</c>. The library therefore passes these fields, or a
/// Scalar held by a <c>using</c> declaration until after the call, and calls only the overloads that take every Scalar
/// from the caller; <c>NativeScalarAuditTests</c> checks the compiled code for it.
/// </remarks>
internal static class NativeScalars
{
    public static readonly Scalar Zero = 0;
    public static readonly Scalar One = 1;
    public static readonly Scalar Half = 0.5;
    public static readonly Scalar MinusHalf = -0.5;

    /// <summary>The negative slope of <see cref="Activation.LeakyRelu"/>, PyTorch's default.</summary>
    public static readonly Scalar LeakyReluSlope = LeakyReluSlopeValue;

    /// <summary>The value of <see cref="LeakyReluSlope"/>, for code that writes it elsewhere (ONNX export).</summary>
    public const double LeakyReluSlopeValue = 0.01;
}
