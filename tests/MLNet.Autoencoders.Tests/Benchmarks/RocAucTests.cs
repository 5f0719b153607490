using MLNet.Autoencoders.Benchmarks.AnomalyDev;

namespace MLNet.Autoencoders.Tests.Benchmarks;

[TestClass]
public sealed class RocAucTests
{
    [TestMethod]
    public void Compute_MatchesScikitLearnsExample() =>
        Assert.AreEqual(0.75, RocAuc.Compute([0.1, 0.4, 0.35, 0.8], [false, false, true, true]), 1e-12);

    [TestMethod]
    public void Compute_TiedScoresCountHalf() =>
        Assert.AreEqual(0.75, RocAuc.Compute([0.5, 0.5, 0.9], [false, true, true]), 1e-12);

    [TestMethod]
    public void Compute_AllScoresTied_IsOneHalf() =>
        Assert.AreEqual(0.5, RocAuc.Compute([3, 3, 3, 3], [true, false, true, false]), 1e-12);

    [TestMethod]
    public void Compute_OutliersScoredLowest_IsZero() =>
        Assert.AreEqual(0.0, RocAuc.Compute([0.1, 0.2, 0.9, 0.8], [true, true, false, false]), 1e-12);

    [TestMethod]
    public void Compute_OneClassOnly_ThrowsNamingTheCounts()
    {
        var error = Assert.ThrowsExactly<ArgumentException>(() => RocAuc.Compute([0.1, 0.2], [false, false]));
        StringAssert.Contains(error.Message, "0 outliers and 2 inliers");
    }
}
