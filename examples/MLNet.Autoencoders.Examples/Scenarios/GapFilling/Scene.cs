using Microsoft.ML.Data;

namespace MLNet.Autoencoders.Examples.Scenarios.GapFilling;

/// <summary>One satellite pass: a <see cref="Side"/> x <see cref="Side"/> sea-surface temperature image, row by row, NaN under clouds.</summary>
internal sealed class Scene
{
    public const int Side = 32;
    public const int PixelCount = Side * Side;

    [VectorType(PixelCount)]
    public float[] Temperature { get; set; } = [];
}
