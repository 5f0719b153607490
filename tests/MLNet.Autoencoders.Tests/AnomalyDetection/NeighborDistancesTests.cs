using Microsoft.ML;
using Microsoft.ML.Data;
using MLNet.Autoencoders.Transforms;
using MLNet.Autoencoders.Estimators.AnomalyDetection;
using MLNet.Autoencoders.Tests.Training;
using MLNet.Autoencoders.Transforms.AnomalyDetection;
using MLNet.Autoencoders.Transforms.Scoring;

namespace MLNet.Autoencoders.Tests.AnomalyDetection;

/// <summary>The detector's neighbour view: the distance it computes, the samples it draws, and what it adds to the score.</summary>
[TestClass]
public sealed class NeighborDistancesTests
{
    [TestMethod]
    public void Compute_GivesTheMeanOverSamplesOfTheSquaredKthNearestDistancePerFeature()
    {
        var random = new Random(5);
        float[] reference = [.. Enumerable.Range(0, 12 * 3).Select(_ => (float)random.NextDouble() * 4)];
        int[][] samples = [[0, 2, 4, 6, 8, 10], [1, 3, 5, 7, 9, 11, 0]];
        var distances = new NeighborDistances(reference, featureCount: 3, samples, neighborCount: 2);
        float[] rows = [.. Enumerable.Range(0, 4 * 3).Select(_ => (float)random.NextDouble() * 4)];
        var actual = new float[4];
        distances.Compute(rows, 4, actual);

        for (int r = 0; r < 4; r++)
        {
            double expected = samples.Average(sample => sample
                .Select(i => Enumerable.Range(0, 3).Sum(j => Math.Pow(rows[r * 3 + j] - reference[i * 3 + j], 2)))
                .Order().ElementAt(1)) / 3;
            Assert.AreEqual(expected, actual[r], 1e-4 * expected + 1e-6, $"row {r}");
        }
    }

    [TestMethod]
    public void Compute_RowWithNaN_GivesNaN()
    {
        var distances = new NeighborDistances([0, 0, 1, 1, 2, 2], featureCount: 2, [[0, 1, 2]], neighborCount: 1);
        var actual = new float[2];
        distances.Compute([0.5f, float.NaN, 1, 1], 2, actual);
        Assert.IsTrue(float.IsNaN(actual[0]));
        Assert.AreEqual(0f, actual[1], "a reference row is its own nearest neighbour");
    }

    [TestMethod]
    public void Compute_ARowsValue_DoesNotDependOnTheRowsScoredWithIt()
    {
        var random = new Random(3);
        float[] reference = [.. Enumerable.Range(0, 300 * 37).Select(_ => (float)random.NextDouble())];
        var distances = new NeighborDistances(reference, featureCount: 37, [[.. Enumerable.Range(0, 200)], [.. Enumerable.Range(100, 200)]], neighborCount: 5);
        float[] rows = [.. Enumerable.Range(0, 64 * 37).Select(_ => (float)random.NextDouble())];
        var batch = new float[64];
        distances.Compute(rows, 64, batch);
        for (int r = 0; r < 64; r++)
        {
            var single = new float[1];
            distances.Compute(rows.AsSpan(r * 37, 37), 1, single);
            Assert.AreEqual(batch[r], single[0], $"row {r}: alone and in a batch of 64, bit for bit");
        }
    }

    [TestMethod]
    public void Draw_MoreRowsThanTheSampleSize_OneSeededSamplePerNetwork_SameInMemoryAndStreamed()
    {
        var ml = new MLContext(seed: 1);
        var view = new GeneratedDataView(400);
        var column = view.Schema["Features"];
        var scaler = FeatureScaler.FromStatistics(InputScaling.Standardize, new double[6], [1, 1, 1, 1, 1, 1]);
        var options = new AutoencoderAnomalyOptions { EnsembleSize = 3, NeighborSampleSize = 50 };

        var first = NeighborSampling.Draw(view, column, scaler, 400, options, seed: 7);
        var again = NeighborSampling.Draw(ml.Data.Cache(view), column, scaler, 400, options, seed: 7);
        var other = NeighborSampling.Draw(view, column, scaler, 400, options, seed: 8);

        Assert.AreEqual(3, first.SampleCount);
        Assert.IsTrue(first.ReferenceRowCount is > 50 and <= 150, $"{first.ReferenceRowCount} distinct rows in 3 samples of 50");
        float[] rows = [.. Enumerable.Range(0, 30 * 6).Select(i => (float)Math.Sin(i))];
        Assert.IsTrue(Distances(first, rows).SequenceEqual(Distances(again, rows)), "the same seed draws the same samples from a cached view");
        Assert.IsFalse(Distances(first, rows).SequenceEqual(Distances(other, rows)), "another seed draws other samples");
    }

    [TestMethod]
    public void Draw_NoMoreRowsThanTheSampleSize_OneSampleOfEveryRow()
    {
        var view = new GeneratedDataView(40);
        var scaler = FeatureScaler.FromStatistics(InputScaling.Standardize, new double[6], [1, 1, 1, 1, 1, 1]);
        var distances = NeighborSampling.Draw(view, view.Schema["Features"], scaler, 40, new AutoencoderAnomalyOptions { NeighborSampleSize = 40 }, seed: 1);
        Assert.AreEqual(1, distances.SampleCount);
        Assert.AreEqual(40, distances.ReferenceRowCount);
    }

    [TestMethod]
    public void Fit_FewerRowsThanNeighbors_UsesEveryRow()
    {
        var ml = new MLContext(seed: 1);
        var options = AnomalyTestOptions.Small(ensembleSize: 1);
        options.Epochs = 2;
        using var detector = ml.AnomalyDetection.Trainers.Autoencoder(options).Fit(PlantedOutlierData.Load(ml, 3, 0));
        Assert.AreEqual(3, detector.NumberOfNeighbors);
        Assert.IsTrue(detector.Transform(PlantedOutlierData.Load(ml, 3, 0)).GetColumn<float>("Score").All(float.IsFinite));
    }

    [TestMethod]
    public void Score_OfATypicalTrainingRow_IsBetweenOneAndTwo()
    {
        var ml = new MLContext(seed: 1);
        var data = PlantedOutlierData.Load(ml, inliers: 300, outliers: 10);
        using var detector = ml.AnomalyDetection.Trainers.Autoencoder(AnomalyTestOptions.Small()).Fit(data);
        var scores = detector.Transform(data).GetColumn<float>("Score").Order().ToArray();
        float median = scores[scores.Length / 2];
        Assert.AreEqual(5, detector.NumberOfNeighbors);
        Assert.IsTrue(median is >= 0.999f and < 2f, $"median score {median}: each view is divided by its training median, and the larger of two ratios whose medians are 1 has a median of at least 1");
    }

    private static float[] Distances(NeighborDistances distances, float[] rows)
    {
        var result = new float[rows.Length / 6];
        distances.Compute(rows, result.Length, result);
        return result;
    }
}
