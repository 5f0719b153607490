namespace MLNet.Autoencoders.Examples.Scenarios.Upscaling;

/// <summary>
/// Halving and doubling 28x28 grey images without a network: 2x2 averaging (how the small inputs are made), and the
/// nearest-neighbour and bicubic upscaling a learned upscaler has to beat.
/// </summary>
internal static class Resampling
{
    public const int LargeSide = 28;
    public const int SmallSide = LargeSide / 2;

    /// <summary>Keys' cubic convolution parameter; -0.5 is the value that reproduces quadratics (as PIL's bicubic filter uses).</summary>
    private const double CubicA = -0.5;

    /// <summary>Each 2x2 block of a 28x28 image averaged into one pixel of a 14x14 image.</summary>
    public static float[] Halve(float[] large)
    {
        var small = new float[SmallSide * SmallSide];
        for (int y = 0; y < SmallSide; y++)
        {
            for (int x = 0; x < SmallSide; x++)
            {
                int top = 2 * y * LargeSide + 2 * x;
                small[y * SmallSide + x] = (large[top] + large[top + 1] + large[top + LargeSide] + large[top + LargeSide + 1]) / 4;
            }
        }
        return small;
    }

    /// <summary>Each pixel of a 14x14 image repeated into a 2x2 block.</summary>
    public static float[] NearestNeighbour(float[] small)
    {
        var large = new float[LargeSide * LargeSide];
        for (int y = 0; y < LargeSide; y++)
            for (int x = 0; x < LargeSide; x++)
                large[y * LargeSide + x] = small[y / 2 * SmallSide + x / 2];
        return large;
    }

    /// <summary>
    /// Bicubic upscaling by 2 (Keys' cubic convolution, a = -0.5, pixel centres aligned as in PIL and OpenCV, edges
    /// replicated), clipped to [0, 1].
    /// </summary>
    public static float[] Bicubic(float[] small)
    {
        var large = new float[LargeSide * LargeSide];
        Span<double> wy = stackalloc double[4], wx = stackalloc double[4];
        for (int y = 0; y < LargeSide; y++)
        {
            double sy = (y + 0.5) / 2 - 0.5;
            int y0 = (int)Math.Floor(sy);
            Weights(sy - y0, wy);
            for (int x = 0; x < LargeSide; x++)
            {
                double sx = (x + 0.5) / 2 - 0.5;
                int x0 = (int)Math.Floor(sx);
                Weights(sx - x0, wx);
                double sum = 0;
                for (int i = 0; i < 4; i++)
                {
                    int row = Math.Clamp(y0 - 1 + i, 0, SmallSide - 1);
                    for (int j = 0; j < 4; j++)
                        sum += wy[i] * wx[j] * small[row * SmallSide + Math.Clamp(x0 - 1 + j, 0, SmallSide - 1)];
                }
                large[y * LargeSide + x] = (float)Math.Clamp(sum, 0, 1);
            }
        }
        return large;
    }

    /// <summary>The four cubic-convolution weights of the pixels at offsets -1, 0, 1, 2 from a point <paramref name="t"/> past pixel 0.</summary>
    private static void Weights(double t, Span<double> weights)
    {
        weights[0] = Kernel(t + 1);
        weights[1] = Kernel(t);
        weights[2] = Kernel(1 - t);
        weights[3] = Kernel(2 - t);
    }

    private static double Kernel(double distance)
    {
        double d = Math.Abs(distance);
        return d <= 1 ? ((CubicA + 2) * d - (CubicA + 3)) * d * d + 1
            : d < 2 ? ((CubicA * d - 5 * CubicA) * d + 8 * CubicA) * d - 4 * CubicA
            : 0;
    }
}
