using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLNet.Autoencoders.Examples.Scenarios.FashionMnist;

/// <summary>Turns images into a "Pixels" data view and back, adds noise, and measures errors.</summary>
internal static class PixelMath
{
    /// <summary>What pixels 0..255 are multiplied by: the autoencoders see pixels in [0, 1], as <c>ExtractPixels(scaleImage: Scale)</c> gives them.</summary>
    public const float Scale = 1f / 255;

    /// <summary>
    /// The images as a data view with a "Pixels" column of type vector of 1x28x28 floats in [0, 1] (the planar shape and
    /// values <c>ExtractPixels(scaleImage: 1f / 255)</c> gives a grey image) and a "Label" column.
    /// </summary>
    public static IDataView ToDataView(MLContext ml, IEnumerable<FashionImage> images)
    {
        var definition = SchemaDefinition.Create(typeof(FashionImage));
        definition[nameof(FashionImage.Pixels)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, 1, FashionImages.Side, FashionImages.Side);
        return ml.Data.LoadFromEnumerable(images.Select(image => image with { Pixels = ToUnit(image.Pixels) }), definition);
    }

    /// <summary>Pixels 0..255 as [0, 1], computed as ExtractPixels does, so that both give the same bits.</summary>
    public static float[] ToUnit(float[] pixels) => [.. pixels.Select(p => p * Scale)];

    /// <summary>Every row's value of the vector column <paramref name="column"/>.</summary>
    public static float[][] Vectors(IDataView data, string column) =>
        [.. data.GetColumn<VBuffer<float>>(column).Select(v => v.DenseValues().ToArray())];

    /// <summary>Copies of <paramref name="images"/> with N(0, sd²) added to each pixel, clipped to 0..255.</summary>
    public static FashionImage[] WithGaussianNoise(IEnumerable<FashionImage> images, double standardDeviation, int seed)
    {
        var random = new Random(seed);
        return [.. images.Select(image => image with
        {
            Pixels = [.. image.Pixels.Select(p => (float)Math.Clamp(p + standardDeviation * Normal(random), 0, 255))],
        })];
    }

    /// <summary>The mean over images and pixels of the squared difference.</summary>
    public static double MeanSquaredError(IReadOnlyList<float[]> images, IReadOnlyList<float[]> reference)
    {
        double sum = 0;
        long count = 0;
        for (int i = 0; i < images.Count; i++)
        {
            for (int j = 0; j < images[i].Length; j++)
            {
                double difference = images[i][j] - reference[i][j];
                sum += difference * difference;
            }
            count += images[i].Length;
        }
        return sum / count;
    }

    /// <summary>Whether the two lists hold the same vectors, bit for bit.</summary>
    public static bool BitIdentical(IReadOnlyList<float[]> first, IReadOnlyList<float[]> second) =>
        first.Count == second.Count && first.Zip(second).All(pair => pair.First.AsSpan().SequenceEqual(pair.Second));

    private static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
