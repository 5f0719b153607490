using MLNet.Autoencoders.Transforms.Networks;
using TorchSharp;
using static TorchSharp.torch;

namespace MLNet.Autoencoders.Estimators.Training;

/// <summary>Corrupts a batch of scaled inputs for denoising training, reproducibly from a seeded generator.</summary>
internal sealed class InputCorruption : IDisposable
{
    private readonly NoiseKind kind;
    private readonly double level;
    private readonly Tensor? minimum;
    private readonly Tensor? maximum;

    /// <param name="kind">The noise.</param>
    /// <param name="level">Standard deviation (Gaussian) or fraction of values (masking, salt and pepper).</param>
    /// <param name="minimum">Each feature's smallest training value, [features]; salt and pepper needs it. Owned (disposed) by this instance.</param>
    /// <param name="maximum">Each feature's largest training value, [features]; salt and pepper needs it. Owned (disposed) by this instance.</param>
    public InputCorruption(NoiseKind kind, double level, Tensor? minimum, Tensor? maximum)
    {
        this.kind = kind;
        this.level = level;
        if (kind == NoiseKind.SaltAndPepper && level > 0 && (minimum is null || maximum is null))
            throw new ArgumentException("Salt-and-pepper noise needs each feature's minimum and maximum.");
        this.minimum = minimum?.DetachFromDisposeScope();
        this.maximum = maximum?.DetachFromDisposeScope();
    }

    public bool IsActive => kind != NoiseKind.None && level > 0;

    /// <summary>The corrupted copy of <paramref name="clean"/>, or <paramref name="clean"/> itself when there is no noise.</summary>
    public Tensor Apply(Tensor clean, Generator generator)
    {
        if (!IsActive)
            return clean;
        var shape = clean.shape;
        using Scalar level = this.level;
        return kind switch
        {
            NoiseKind.Gaussian => clean.add(randn(shape, generator: generator).mul(level), NativeScalars.One),
            NoiseKind.Masking => clean.masked_fill(rand(shape, generator: generator).lt(level), NativeScalars.Zero),
            NoiseKind.SaltAndPepper => SaltAndPepper(clean, generator),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
        };
    }

    private Tensor SaltAndPepper(Tensor clean, Generator generator)
    {
        var draw = rand(clean.shape, generator: generator);
        using Scalar half = level / 2, whole = level;
        var salt = draw.lt(half);
        var pepper = draw.ge(half) & draw.lt(whole);
        return where(salt, maximum!.expand_as(clean), where(pepper, minimum!.expand_as(clean), clean));
    }

    public void Dispose()
    {
        minimum?.Dispose();
        maximum?.Dispose();
    }
}
