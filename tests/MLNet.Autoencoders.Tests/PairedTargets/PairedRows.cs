using Microsoft.ML.Data;

namespace MLNet.Autoencoders.Tests.PairedTargets;

/// <summary>Rows whose target is a smooth nonlinear function of four inputs: sin, products, squares, cos, tanh.</summary>
public sealed class PairedRow
{
    [VectorType(4)]
    public float[] Features { get; set; } = [];

    [VectorType(6)]
    public float[] Target { get; set; } = [];
}

/// <summary>The same inputs without a target column, as a model meets them when it is deployed.</summary>
public sealed class InputOnlyRow
{
    [VectorType(4)]
    public float[] Features { get; set; } = [];
}

/// <summary>Small upscaling pairs: a Gaussian blob drawn at 16x16 and its 2x2 average at 8x8.</summary>
public sealed class UpscalingRow
{
    [VectorType(1, 8, 8)]
    public float[] Small { get; set; } = [];

    [VectorType(1, 16, 16)]
    public float[] Large { get; set; } = [];
}

/// <summary>An 8x8 input with a 12x12 target: a target shape that three halving blocks cannot fit.</summary>
public sealed class OddUpscalingRow
{
    [VectorType(1, 8, 8)]
    public float[] Small { get; set; } = [];

    [VectorType(1, 12, 12)]
    public float[] Large { get; set; } = [];
}

internal static class PairedData
{
    public static PairedRow[] Rows(int count, int seed = 11)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(_ =>
        {
            var x = Enumerable.Range(0, 4).Select(_ => (float)(random.NextDouble() * 4 - 2)).ToArray();
            return new PairedRow
            {
                Features = x,
                Target = [MathF.Sin(x[0]), x[1] * x[2], x[3] * x[3], x[0] + x[1], MathF.Cos(x[2]), MathF.Tanh(x[3])],
            };
        }).ToArray();
    }

    /// <summary>The error of predicting every target by the targets' means: the mean over features of their variances.</summary>
    public static double MeanBaselineError(IReadOnlyList<float[]> targets)
    {
        int size = targets[0].Length;
        double total = 0;
        for (int j = 0; j < size; j++)
        {
            double mean = targets.Average(t => t[j]);
            total += targets.Average(t => (t[j] - mean) * (t[j] - mean));
        }
        return total / size;
    }

    public static UpscalingRow[] Upscaling(int count, int seed = 5)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(_ =>
        {
            double cx = 3 + random.NextDouble() * 10, cy = 3 + random.NextDouble() * 10, width = 1.5 + random.NextDouble() * 2.5;
            var large = new float[256];
            for (int y = 0; y < 16; y++)
                for (int x = 0; x < 16; x++)
                    large[y * 16 + x] = (float)Math.Exp(-((x - cx) * (x - cx) + (y - cy) * (y - cy)) / (2 * width * width));
            var small = new float[64];
            for (int y = 0; y < 8; y++)
                for (int x = 0; x < 8; x++)
                    small[y * 8 + x] = (large[2 * y * 16 + 2 * x] + large[2 * y * 16 + 2 * x + 1] + large[(2 * y + 1) * 16 + 2 * x] + large[(2 * y + 1) * 16 + 2 * x + 1]) / 4;
            return new UpscalingRow { Small = small, Large = large };
        }).ToArray();
    }

    /// <summary>Each 8x8 pixel repeated into a 2x2 block: the upscaling a model must beat.</summary>
    public static float[] NearestNeighbour(float[] small)
    {
        var large = new float[256];
        for (int y = 0; y < 16; y++)
            for (int x = 0; x < 16; x++)
                large[y * 16 + x] = small[y / 2 * 8 + x / 2];
        return large;
    }
}
