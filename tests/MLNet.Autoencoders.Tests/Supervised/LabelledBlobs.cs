using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLNet.Autoencoders.Tests.Supervised;

/// <summary>A row of <see cref="LabelledBlobs"/>: features, a text label ("" = unlabelled), the true class and a float target.</summary>
public sealed class BlobRow
{
    [VectorType(LabelledBlobs.FeatureCount)]
    public float[] Features { get; set; } = [];

    /// <summary>The class name, or "" for a row whose label was removed.</summary>
    public string Class { get; set; } = "";

    /// <summary>The class the row was drawn from, labelled or not (never read by the trainer).</summary>
    public string TrueClass { get; set; } = "";

    /// <summary>A float target the features determine: the first coordinate's offset from its class centre, times 10 (NaN where missing).</summary>
    public float Offset { get; set; }
}

/// <summary>
/// Three Gaussian clusters in 8 dimensions, classes "ant", "bee" and "cat", with the labels of a chosen fraction of rows removed:
/// easy, small data for the supervised autoencoder's tests.
/// </summary>
public static class LabelledBlobs
{
    public const int FeatureCount = 8;
    public static readonly string[] ClassNames = ["ant", "bee", "cat"];

    public static BlobRow[] Rows(int count, double labelledFraction, int seed = 11, double spread = 0.6)
    {
        var random = new Random(seed);
        var centres = ClassNames.Select(_ => Enumerable.Range(0, FeatureCount).Select(_ => random.NextDouble() * 4 - 2).ToArray()).ToArray();
        var rows = new BlobRow[count];
        for (int i = 0; i < count; i++)
        {
            int k = i % ClassNames.Length;
            var noise = Enumerable.Range(0, FeatureCount).Select(_ => Gaussian(random) * spread).ToArray();
            rows[i] = new BlobRow
            {
                Features = centres[k].Select((c, j) => (float)(c + noise[j])).ToArray(),
                TrueClass = ClassNames[k],
                // The first rows of each class stay labelled, so every class has labelled rows at any fraction.
                Class = i < ClassNames.Length || random.NextDouble() < labelledFraction ? ClassNames[k] : "",
                Offset = (float)(noise[0] * 10),
            };
        }
        return rows;
    }

    /// <summary>The rows as a data view with the text label mapped to a key column "Label" (empty text becomes the missing key 0).</summary>
    public static IDataView Load(MLContext ml, IEnumerable<BlobRow> rows)
    {
        var data = ml.Data.LoadFromEnumerable(rows);
        var keys = ml.Transforms.Conversion.MapValueToKey("Label", nameof(BlobRow.Class), keyOrdinality: Microsoft.ML.Transforms.ValueToKeyMappingEstimator.KeyOrdinality.ByValue)
            .Append(ml.Transforms.Conversion.MapValueToKey("TrueLabel", nameof(BlobRow.TrueClass), keyOrdinality: Microsoft.ML.Transforms.ValueToKeyMappingEstimator.KeyOrdinality.ByValue));
        return keys.Fit(data).Transform(data);
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
