using Microsoft.ML;
using Microsoft.ML.Data;
using MLNet.Autoencoders.Tests.TestData;

namespace MLNet.Autoencoders.Tests.AnomalyDetection;

/// <summary>A row of <see cref="PlantedOutlierData"/>: 6 features, a float label (1 = planted outlier) and the perturbed feature.</summary>
public sealed class PlantedOutlierRow
{
    [VectorType(ManifoldData.FeatureCount)]
    public float[] Features { get; set; } = [];

    /// <summary>1 for a planted outlier, 0 for an inlier: the type <c>AnomalyDetection.Evaluate</c> reads.</summary>
    public float Label { get; set; }

    /// <summary>The feature moved off the manifold, or -1 for an inlier.</summary>
    public int PerturbedFeature { get; set; }
}

/// <summary>
/// Inliers on the 2-D nonlinear surface of <see cref="ManifoldData"/> (6 features), plus outliers that are surface
/// points with one feature moved by 80% of its range, reflected so that it stays inside the inliers' range: every
/// outlier has ordinary marginals and is only unusual in how its features relate, which a linear model captures poorly.
/// </summary>
public static class PlantedOutlierData
{
    public static PlantedOutlierRow[] Rows(int inliers, int outliers, int seed = 11)
    {
        var clean = ManifoldData.Rows(inliers + outliers, seed);
        var min = Enumerable.Range(0, ManifoldData.FeatureCount).Select(j => clean.Take(inliers).Select(r => r.Features[j]).DefaultIfEmpty().Min()).ToArray();
        var max = Enumerable.Range(0, ManifoldData.FeatureCount).Select(j => clean.Take(inliers).Select(r => r.Features[j]).DefaultIfEmpty().Max()).ToArray();
        var random = new Random(seed + 1);
        var rows = new PlantedOutlierRow[inliers + outliers];
        for (int i = 0; i < rows.Length; i++)
        {
            var features = clean[i].Features.ToArray();
            int perturbed = -1;
            if (i >= inliers)
            {
                perturbed = (i - inliers) % ManifoldData.FeatureCount;
                float range = max[perturbed] - min[perturbed];
                float middle = (min[perturbed] + max[perturbed]) / 2;
                float shift = range * (0.7f + 0.2f * (float)random.NextDouble());
                features[perturbed] += features[perturbed] > middle ? -shift : shift;
            }
            rows[i] = new PlantedOutlierRow { Features = features, Label = perturbed >= 0 ? 1 : 0, PerturbedFeature = perturbed };
        }
        // Shuffle, so that outliers are not all in the last rows (and in the validation split of none).
        random.Shuffle(rows);
        return rows;
    }

    public static IDataView Load(MLContext ml, int inliers, int outliers, int seed = 11) => ml.Data.LoadFromEnumerable(Rows(inliers, outliers, seed));
}
