using MLNet.Autoencoders.Estimators.AnomalyDetection;

namespace MLNet.Autoencoders.Tests.AnomalyDetection;

[TestClass]
public sealed class ContaminationThresholdTests
{
    private static readonly float[] OneToTen = [10, 3, 1, 7, 5, 2, 9, 4, 8, 6];

    [TestMethod]
    public void Compute_InterpolatesLinearlyLikeNumPyPercentile()
    {
        // numpy.percentile(1..10, 90) = 9.1; numpy.percentile(1..10, 75) = 7.75
        Assert.AreEqual(9.1f, ContaminationThreshold.Compute(OneToTen, 0.1), 1e-5f);
        Assert.AreEqual(7.75f, ContaminationThreshold.Compute(OneToTen, 0.25), 1e-5f);
    }

    [TestMethod]
    public void Compute_FlagsTheContaminationFractionOfRows()
    {
        var scores = Enumerable.Range(0, 1000).Select(i => (float)Math.Sqrt(i)).ToArray();
        foreach (double contamination in new[] { 0.01, 0.05, 0.1, 0.5 })
        {
            float threshold = ContaminationThreshold.Compute(scores, contamination);
            Assert.AreEqual(contamination * scores.Length, scores.Count(s => s > threshold), 1, $"contamination {contamination}");
        }
    }

    [TestMethod]
    public void Compute_ZeroContamination_IsTheLargestScore()
    {
        Assert.AreEqual(10f, ContaminationThreshold.Compute(OneToTen, 0));
    }

    [TestMethod]
    public void Compute_IgnoresNonFiniteScores()
    {
        Assert.AreEqual(9.1f, ContaminationThreshold.Compute([.. OneToTen, float.NaN, float.PositiveInfinity], 0.1), 1e-5f);
    }
}
