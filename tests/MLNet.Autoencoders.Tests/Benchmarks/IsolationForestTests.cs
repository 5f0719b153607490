using MLNet.Autoencoders.Benchmarks.AnomalyDev;

namespace MLNet.Autoencoders.Tests.Benchmarks;

[TestClass]
public sealed class IsolationForestTests
{
    [TestMethod]
    public void AveragePathLength_MatchesScikitLearn()
    {
        Assert.AreEqual(0, IsolationForest.AveragePathLength(1));
        Assert.AreEqual(1, IsolationForest.AveragePathLength(2));
        Assert.AreEqual(10.244770920116851, IsolationForest.AveragePathLength(256), 1e-9);
    }

    [TestMethod]
    public void Score_IdenticalRows_IsOneHalf()
    {
        // No feature varies: every tree is one leaf of 256 rows, whose path length c(256) equals the normaliser.
        var set = new AnomalySet("same", [.. Enumerable.Repeat(1.5, 300 * 2)], 300, 2, new bool[300]);

        double[] scores = IsolationForest.Fit(set, seed: 1).Score(set);

        Assert.IsTrue(scores.All(s => Math.Abs(s - 0.5) < 1e-12), $"min {scores.Min()}, max {scores.Max()}");
    }

    [TestMethod]
    public void Score_PlantedOutlier_ScoresHighestAndAboveOneHalf()
    {
        var random = new Random(3);
        var values = new List<double>();
        for (int i = 0; i < 500; i++)
            values.AddRange([random.NextDouble(), random.NextDouble()]);
        values.AddRange([8, -8]);
        var set = new AnomalySet("planted", [.. values], 501, 2, [.. Enumerable.Range(0, 501).Select(i => i == 500)]);

        double[] scores = IsolationForest.Fit(set, seed: 1).Score(set);

        Assert.AreEqual(500, Array.IndexOf(scores, scores.Max()));
        Assert.IsGreaterThan(0.6, scores[500], "outlier score");
        Assert.IsLessThan(0.5, scores.Take(500).Average(), "inlier mean score");
    }

    [TestMethod]
    public void Fit_SameSeed_SameScores_OtherSeed_OtherScores()
    {
        var random = new Random(5);
        var set = new AnomalySet("r", [.. Enumerable.Range(0, 400 * 3).Select(_ => random.NextDouble())], 400, 3, new bool[400]);

        double[] first = IsolationForest.Fit(set, seed: 1).Score(set);

        CollectionAssert.AreEqual(first, IsolationForest.Fit(set, seed: 1).Score(set));
        CollectionAssert.AreNotEqual(first, IsolationForest.Fit(set, seed: 2).Score(set));
    }
}
