using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLNet.Autoencoders.Tests.Images;

/// <summary>A grey image, flat and planar, with the kind of shape drawn on it.</summary>
public sealed class ImageRow
{
    public float[] Pixels { get; set; } = [];

    public int Shape { get; set; }
}

/// <summary>
/// Small grey images of four shapes (filled square, frame, cross, disc) of random size, position and brightness on
/// a black background: structure a convolutional autoencoder can learn in a few epochs, far better than the pixel means.
/// </summary>
public static class SyntheticImages
{
    public const int ShapeCount = 4;

    public static ImageRow[] Rows(int count, int seed = 7, int size = 16)
    {
        var random = new Random(seed);
        var rows = new ImageRow[count];
        for (int i = 0; i < count; i++)
        {
            int shape = i % ShapeCount;
            rows[i] = new ImageRow { Pixels = Draw(shape, size, random), Shape = shape };
        }
        return rows;
    }

    /// <summary>
    /// Loads rows whose Pixels column has the vector dimensions (1, size, size), as ExtractPixels would give,
    /// or, with <paramref name="withDimensions"/> false, a plain vector of size x size values.
    /// </summary>
    public static IDataView Load(MLContext ml, IEnumerable<ImageRow> rows, int size = 16, bool withDimensions = true) =>
        LoadAs(ml, rows, withDimensions
            ? new VectorDataViewType(NumberDataViewType.Single, 1, size, size)
            : new VectorDataViewType(NumberDataViewType.Single, size * size));

    /// <summary>Loads rows whose Pixels column has the type <paramref name="pixelType"/>.</summary>
    public static IDataView LoadAs(MLContext ml, IEnumerable<ImageRow> rows, VectorDataViewType pixelType)
    {
        var definition = SchemaDefinition.Create(typeof(ImageRow));
        definition[nameof(ImageRow.Pixels)].ColumnType = pixelType;
        return ml.Data.LoadFromEnumerable(rows, definition);
    }

    /// <summary>Copies of <paramref name="rows"/> with N(0, std²) added to every pixel.</summary>
    public static ImageRow[] WithGaussianNoise(ImageRow[] rows, double std, int seed)
    {
        var random = new Random(seed);
        return rows.Select(r => new ImageRow
        {
            Pixels = r.Pixels.Select(p => (float)(p + std * Normal(random))).ToArray(),
            Shape = r.Shape,
        }).ToArray();
    }

    /// <summary>The mean over rows and pixels of the squared difference between <paramref name="images"/> and <paramref name="reference"/>.</summary>
    public static double MeanSquaredError(IReadOnlyList<float[]> images, IReadOnlyList<ImageRow> reference) =>
        images.Zip(reference, (x, r) => x.Zip(r.Pixels, (p, q) => (double)(p - q) * (p - q)).Average()).Average();

    /// <summary>The mean squared error of predicting every pixel by its mean over <paramref name="rows"/>.</summary>
    public static double PixelMeanBaselineError(IReadOnlyList<ImageRow> rows)
    {
        int size = rows[0].Pixels.Length;
        var means = Enumerable.Range(0, size).Select(j => rows.Average(r => (double)r.Pixels[j])).ToArray();
        return rows.Average(r => r.Pixels.Select((p, j) => (p - means[j]) * (p - means[j])).Average());
    }

    private static float[] Draw(int shape, int size, Random random)
    {
        var pixels = new float[size * size];
        int extent = random.Next(size / 4, size / 2 + 1);
        int top = random.Next(0, size - extent + 1), left = random.Next(0, size - extent + 1);
        float brightness = 0.6f + 0.4f * (float)random.NextDouble();
        double center = (extent - 1) / 2.0;
        for (int y = 0; y < extent; y++)
        {
            for (int x = 0; x < extent; x++)
            {
                bool on = shape switch
                {
                    0 => true,
                    1 => y == 0 || x == 0 || y == extent - 1 || x == extent - 1,
                    2 => Math.Abs(y - center) < 1 || Math.Abs(x - center) < 1,
                    _ => (y - center) * (y - center) + (x - center) * (x - center) <= center * center + 0.5,
                };
                if (on)
                    pixels[(top + y) * size + left + x] = brightness;
            }
        }
        return pixels;
    }

    private static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
