using System.Globalization;

namespace MLNet.Autoencoders.Tests.Export;

/// <summary>
/// Compares values computed two ways (TorchSharp and ONNX) and keeps the worst differences: NaN must meet NaN, booleans
/// must be equal, and floats must agree within <see cref="Tolerance"/> relative to max(1, |expected|), i.e. relative for
/// values of magnitude 1 and more, absolute below (a relative bound on values near 0 would only measure float rounding).
/// </summary>
internal sealed class ParityReport(string component)
{
    public const double Tolerance = 1e-5;

    public double WorstAbsolute { get; private set; }

    public double WorstRelative { get; private set; }

    public int Compared { get; private set; }

    public void Compare(string column, IReadOnlyList<object> expected, IReadOnlyList<object> actual)
    {
        Assert.HasCount(expected.Count, actual, $"{component} {column}: row count");
        for (int row = 0; row < expected.Count; row++)
        {
            switch (expected[row])
            {
                case bool flag:
                    Assert.AreEqual(flag, (bool)actual[row], $"{component} {column} row {row}");
                    Compared++;
                    break;
                case float value:
                    CompareFloat(column, row, 0, value, Single(actual[row]));
                    break;
                case float[] values:
                    var other = (float[])actual[row];
                    Assert.HasCount(values.Length, other, $"{component} {column} row {row}: vector size");
                    for (int i = 0; i < values.Length; i++)
                        CompareFloat(column, row, i, values[i], other[i]);
                    break;
                default:
                    throw new InvalidOperationException($"Unexpected value type {expected[row]?.GetType()}.");
            }
        }
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{component}: {Compared} values, worst absolute difference {WorstAbsolute:E2}, worst relative (to max(1, |x|)) {WorstRelative:E2}");

    /// <summary>A value that ML.NET's ApplyOnnxModel may hand back as a vector of one.</summary>
    private static float Single(object value) => value is float[] { Length: 1 } one ? one[0] : (float)value;

    private void CompareFloat(string column, int row, int index, float expected, float actual)
    {
        Compared++;
        if (float.IsNaN(expected) || float.IsNaN(actual))
        {
            Assert.IsTrue(float.IsNaN(expected) && float.IsNaN(actual), $"{component} {column} row {row}[{index}]: expected {expected}, got {actual}");
            return;
        }
        double absolute = Math.Abs((double)expected - actual);
        double relative = absolute / Math.Max(1, Math.Abs((double)expected));
        WorstAbsolute = Math.Max(WorstAbsolute, absolute);
        WorstRelative = Math.Max(WorstRelative, relative);
        Assert.IsLessThanOrEqualTo(Tolerance, relative, $"{component} {column} row {row}[{index}]: expected {expected}, got {actual}");
    }
}
