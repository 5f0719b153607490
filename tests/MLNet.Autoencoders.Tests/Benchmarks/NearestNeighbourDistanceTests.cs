using MLNet.Autoencoders.Benchmarks.AnomalyDev;

namespace MLNet.Autoencoders.Tests.Benchmarks;

[TestClass]
public sealed class NearestNeighbourDistanceTests
{
    [TestMethod]
    public void Score_IsTheDistanceToTheKthOtherRowInPopulationStandardDeviations()
    {
        var set = OneFeature(0, 1, 3);
        double std = Math.Sqrt((Math.Pow(4.0 / 3, 2) + Math.Pow(1.0 / 3, 2) + Math.Pow(5.0 / 3, 2)) / 3);

        double[] first = NearestNeighbourDistance.Score(set, k: 1);
        double[] second = NearestNeighbourDistance.Score(set, k: 2);

        CollectionAssert.AreEqual(new[] { 1 / std, 1 / std, 2 / std }, first, new Tolerance(1e-6));
        CollectionAssert.AreEqual(new[] { 3 / std, 2 / std, 3 / std }, second, new Tolerance(1e-6));
    }

    [TestMethod]
    public void Score_ExcludesTheRowItselfButCountsItsDuplicates()
    {
        double[] scores = NearestNeighbourDistance.Score(OneFeature(0, 0, 5), k: 1);

        Assert.AreEqual(0, scores[0]);
        Assert.AreEqual(0, scores[1]);
        Assert.IsGreaterThan(0, scores[2]);
    }

    [TestMethod]
    public void Score_KNotBelowRows_ThrowsNamingK()
    {
        var error = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => NearestNeighbourDistance.Score(OneFeature(0, 1, 2), k: 3));
        StringAssert.Contains(error.Message, "'k' must be in [1, 2]");
    }

    private static AnomalySet OneFeature(params double[] values) =>
        new("test", values, values.Length, 1, new bool[values.Length]);

    private sealed class Tolerance(double tolerance) : System.Collections.IComparer
    {
        public int Compare(object? x, object? y) => Math.Abs((double)x! - (double)y!) <= tolerance ? 0 : 1;
    }
}
