using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLNet.Autoencoders.Tests.AnomalyDetection;

/// <summary>A row of <see cref="HeavyTailedMixedScaleData"/>: 9 features and a float label (1 = planted outlier).</summary>
public sealed class HeavyTailedRow
{
    [VectorType(HeavyTailedMixedScaleData.FeatureCount)]
    public float[] Features { get; set; } = [];

    public float Label { get; set; }
}

/// <summary>
/// Data shaped like the public sets the detector once failed on (shuttle: 9 features, counts in the thousands next to
/// small values): the inliers vary along two heavy-tailed factors (a normal times a log-normal), mixed into 9 features
/// whose scales run from 1,000 to 0.01, every third one a non-negative count-like magnitude; the outliers are inliers
/// with one feature moved by three times that feature's scale, off the inliers' two-dimensional shape but, with the heavy
/// tails, well inside its range.
/// </summary>
public static class HeavyTailedMixedScaleData
{
    public const int FeatureCount = 9;
    private static readonly double[] Scales = [1000, 1000, 1, 1, 0.01, 0.01, 50, 5, 0.5];

    public static HeavyTailedRow[] Rows(int rows, int outliers, int seed)
    {
        var random = new Random(seed);
        double Normal() => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        var loadings = Enumerable.Range(0, FeatureCount).Select(_ => new[] { Normal(), Normal() }).ToArray();
        var result = new HeavyTailedRow[rows];
        for (int i = 0; i < rows; i++)
        {
            double[] factors = [Normal() * Math.Exp(0.7 * Normal()), Normal() * Math.Exp(0.7 * Normal())];
            var features = new float[FeatureCount];
            for (int j = 0; j < FeatureCount; j++)
            {
                double value = loadings[j][0] * factors[0] + loadings[j][1] * factors[1] + 0.05 * Normal();
                features[j] = (float)(Scales[j] * (j % 3 == 0 ? 3 * Math.Abs(value) : value));
            }
            bool outlier = i < outliers;
            if (outlier)
            {
                int moved = random.Next(FeatureCount);
                features[moved] += (float)(3 * Scales[moved] * (random.Next(2) == 0 ? -1 : 1));
            }
            result[i] = new HeavyTailedRow { Features = features, Label = outlier ? 1 : 0 };
        }
        random.Shuffle(result);
        return result;
    }

    public static IDataView Load(MLContext ml, int rows, int outliers, int seed) => ml.Data.LoadFromEnumerable(Rows(rows, outliers, seed));
}
