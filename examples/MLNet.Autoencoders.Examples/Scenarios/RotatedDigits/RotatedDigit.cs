using Microsoft.ML.Data;

namespace MLNet.Autoencoders.Examples.Scenarios.RotatedDigits;

/// <summary>An 8 x 8 digit rotated by <see cref="Angle"/> degrees: its pixels (0..16), its digit as text and the angle.</summary>
internal sealed class RotatedDigit
{
    public const int Side = 8;

    [VectorType(Side * Side)]
    public float[] Features { get; set; } = [];

    /// <summary>The digit, "0" to "9".</summary>
    public string Digit { get; set; } = "";

    /// <summary>The rotation, in degrees, counter-clockwise.</summary>
    public float Angle { get; set; }
}
