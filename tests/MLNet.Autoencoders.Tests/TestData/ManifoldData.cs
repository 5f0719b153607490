using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLNet.Autoencoders.Tests.TestData;

/// <summary>A row with a 6-feature vector, a label and a text column, for pipeline tests.</summary>
public sealed class ManifoldRow
{
    [VectorType(ManifoldData.FeatureCount)]
    public float[] Features { get; set; } = [];

    public float Label { get; set; }

    public string Name { get; set; } = "";
}

/// <summary>
/// Points on a smooth 2-D surface embedded nonlinearly in 6 dimensions, plus a little noise:
/// an autoencoder with a 2-D code can reconstruct them far better than the feature means can.
/// </summary>
public static class ManifoldData
{
    public const int FeatureCount = 6;

    public static ManifoldRow[] Rows(int count, int seed = 7, float noise = 0.02f)
    {
        var random = new Random(seed);
        var rows = new ManifoldRow[count];
        for (int i = 0; i < count; i++)
        {
            double t = random.NextDouble() * 2 - 1, s = random.NextDouble() * 2 - 1;
            double[] clean = [t, s, t * t, Math.Sin(2 * s), t * s, Math.Cos(t + s)];
            rows[i] = new ManifoldRow
            {
                Features = clean.Select(v => (float)(v + noise * (random.NextDouble() * 2 - 1))).ToArray(),
                Label = t > 0 ? 1 : 0,
                Name = $"row{i}",
            };
        }
        return rows;
    }

    public static IDataView Load(MLContext ml, int count, int seed = 7) => ml.Data.LoadFromEnumerable(Rows(count, seed));

    /// <summary>The mean squared error of predicting every feature by its mean: the baseline a useful model beats.</summary>
    public static double MeanBaselineError(IEnumerable<ManifoldRow> rows)
    {
        var data = rows.Select(r => r.Features).ToArray();
        double total = 0;
        for (int j = 0; j < FeatureCount; j++)
        {
            double mean = data.Average(r => r[j]);
            total += data.Average(r => (r[j] - mean) * (r[j] - mean));
        }
        return total / FeatureCount;
    }
}
