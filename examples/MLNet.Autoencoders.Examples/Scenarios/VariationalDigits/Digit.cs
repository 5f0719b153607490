using Microsoft.ML.Data;

namespace MLNet.Autoencoders.Examples.Scenarios.VariationalDigits;

/// <summary>One row of <c>digits.csv</c>: an 8 x 8 handwritten digit, pixels p0..p63 in 0..16 row by row, then its label.</summary>
internal sealed class Digit
{
    public const int Side = 8;
    public const float MaxInk = 16;

    [LoadColumn(0, Side * Side - 1), VectorType(Side * Side)]
    public float[] Pixels { get; set; } = [];

    [LoadColumn(Side * Side)]
    public float Label { get; set; }
}
