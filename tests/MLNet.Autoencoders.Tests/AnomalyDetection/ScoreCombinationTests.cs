using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLNet.Autoencoders.Tests.AnomalyDetection;

/// <summary>
/// The score is the larger of the two views' ratios to their training medians: a row the reconstruction view finds unusual
/// keeps that ratio, however typical its neighbour distance.
/// </summary>
[TestClass]
public sealed class ScoreCombinationTests
{
    [TestMethod]
    public void Score_IsTheLargerRatio_NeverBelowTheReconstructionRatio()
    {
        var ml = new MLContext(seed: 1);
        var data = ml.Data.LoadFromEnumerable(PlantedOutlierData.Rows(inliers: 300, outliers: 15));
        // The same seed trains the same networks with and without the neighbour view, so the second model's score is the
        // first's reconstruction view, unscaled.
        var withNeighbors = AnomalyTestOptions.Small(seed: 4);
        var reconstructionOnly = AnomalyTestOptions.Small(seed: 4);
        reconstructionOnly.NumberOfNeighbors = 0;
        using var both = ml.AnomalyDetection.Trainers.Autoencoder(withNeighbors).Fit(data);
        using var alone = ml.AnomalyDetection.Trainers.Autoencoder(reconstructionOnly).Fit(data);

        var scores = both.Transform(data).GetColumn<float>("Score").ToArray();
        var reconstruction = alone.Transform(data).GetColumn<float>("Score").ToArray();
        var sorted = reconstruction.Order().ToArray();
        double median = (sorted[(sorted.Length - 1) / 2] + sorted[sorted.Length / 2]) / 2.0;
        var ratios = reconstruction.Select(r => r / median).ToArray();

        for (int i = 0; i < scores.Length; i++)
            Assert.IsGreaterThanOrEqualTo(ratios[i] * (1 - 1e-4), scores[i], $"row {i}: the score is below its reconstruction ratio {ratios[i]}");
        int equal = scores.Where((s, i) => Math.Abs(s - ratios[i]) <= 1e-4 * ratios[i]).Count();
        Assert.IsGreaterThan(0, equal, "no row's score is its reconstruction ratio: the views are not combined by their maximum");
        Assert.IsLessThan(scores.Length, equal, "every row's score is its reconstruction ratio: the neighbour view is not used");
    }
}
