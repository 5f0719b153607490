using System.Globalization;
using MLNet.Autoencoders.Examples.Shared;

namespace MLNet.Autoencoders.Examples.Scenarios.RotatedDigits;

/// <summary>Reads <c>digits.csv</c> and makes rotated copies of its 8 x 8 digits by bilinear resampling.</summary>
internal static class DigitRotation
{
    /// <summary>The 1,797 digits of <c>digits.csv</c>: 64 pixels (0..16) and the label.</summary>
    public static (float[] Pixels, int Label)[] Load() =>
        [.. File.ReadLines(DataFiles.Find("digits.csv")).Skip(1).Select(line =>
        {
            var fields = line.Split(',');
            var pixels = fields.Take(64).Select(f => float.Parse(f, CultureInfo.InvariantCulture)).ToArray();
            return (pixels, (int)float.Parse(fields[64], CultureInfo.InvariantCulture));
        })];

    /// <summary>
    /// <paramref name="copies"/> rotated copies of each digit, at angles drawn uniformly from [-<paramref name="maxAngle"/>, <paramref name="maxAngle"/>] degrees.
    /// </summary>
    public static RotatedDigit[] Rotate(IEnumerable<(float[] Pixels, int Label)> digits, int copies, double maxAngle, Random random) =>
        [.. digits.SelectMany(digit => Enumerable.Range(0, copies).Select(_ =>
        {
            double angle = (random.NextDouble() * 2 - 1) * maxAngle;
            return new RotatedDigit { Features = Rotate(digit.Pixels, angle), Digit = digit.Label.ToString(CultureInfo.InvariantCulture), Angle = (float)angle };
        }))];

    /// <summary>The image rotated by <paramref name="degrees"/> about its centre; pixels from outside the image are 0.</summary>
    public static float[] Rotate(float[] pixels, double degrees)
    {
        const int side = RotatedDigit.Side;
        double radians = degrees * Math.PI / 180, cos = Math.Cos(radians), sin = Math.Sin(radians), centre = (side - 1) / 2.0;
        var result = new float[side * side];
        for (int y = 0; y < side; y++)
        {
            for (int x = 0; x < side; x++)
            {
                // Inverse mapping: where in the source does this output pixel come from?
                double dx = x - centre, dy = y - centre;
                double sx = cos * dx - sin * dy + centre, sy = sin * dx + cos * dy + centre;
                result[y * side + x] = Bilinear(pixels, sx, sy);
            }
        }
        return result;
    }

    private static float Bilinear(float[] pixels, double x, double y)
    {
        int x0 = (int)Math.Floor(x), y0 = (int)Math.Floor(y);
        double fx = x - x0, fy = y - y0;
        return (float)(Pixel(pixels, x0, y0) * (1 - fx) * (1 - fy) + Pixel(pixels, x0 + 1, y0) * fx * (1 - fy)
            + Pixel(pixels, x0, y0 + 1) * (1 - fx) * fy + Pixel(pixels, x0 + 1, y0 + 1) * fx * fy);
    }

    private static float Pixel(float[] pixels, int x, int y) =>
        x is < 0 or >= RotatedDigit.Side || y is < 0 or >= RotatedDigit.Side ? 0 : pixels[y * RotatedDigit.Side + x];
}
