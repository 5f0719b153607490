using MLNet.Autoencoders.Transforms;
using MLNet.Autoencoders.Transforms.Scoring;

namespace MLNet.Autoencoders.Tests.Transforms.Scoring;

[TestClass]
public sealed class FeatureScalerTests
{
    // Three rows of three features with different ranges: [0, 2], [10, 30], [-1, 1].
    private static readonly float[] Rows = [0, 10, -1, 1, 20, 0, 2, 30, 1];

    [TestMethod]
    public void GlobalMinMax_UsesOneOffsetAndFactorForEveryFeature()
    {
        var scaler = FeatureScaler.Fit(InputScaling.GlobalMinMax, Rows, 3, 3);

        CollectionAssert.AreEqual(new[] { -1f, -1f, -1f }, scaler.Offset.ToArray());
        CollectionAssert.AreEqual(new[] { 1f / 31, 1f / 31, 1f / 31 }, scaler.Scale.ToArray());
        var values = (float[])Rows.Clone();
        scaler.Apply(values);
        Assert.AreEqual(0f, values.Min());
        Assert.AreEqual(1f, values.Max(), 1e-6f);
        scaler.Invert(values);
        for (int i = 0; i < Rows.Length; i++)
            Assert.AreEqual(Rows[i], values[i], 1e-5f);
    }

    [TestMethod]
    public void GlobalMinMax_FromStreamedStatistics_MatchesTheInMemoryFit()
    {
        // Per-feature minimum and range, as the streaming statistics pass reports them; a feature never observed is NaN.
        double[] minimum = [0, 10, -1, double.NaN], range = [2, 20, 2, 0];

        var streamed = FeatureScaler.FromStatistics(InputScaling.GlobalMinMax, minimum, range);
        var inMemory = FeatureScaler.Fit(InputScaling.GlobalMinMax, [0, 10, -1, float.NaN, 2, 30, 1, float.NaN], 2, 4);

        CollectionAssert.AreEqual(inMemory.Offset.ToArray(), streamed.Offset.ToArray());
        CollectionAssert.AreEqual(inMemory.Scale.ToArray(), streamed.Scale.ToArray());
    }

    [TestMethod]
    public void GlobalMinMax_OnConstantValues_OnlyShifts()
    {
        var scaler = FeatureScaler.Fit(InputScaling.GlobalMinMax, [5f, 5f, 5f, 5f], 2, 2);

        CollectionAssert.AreEqual(new[] { 5f, 5f }, scaler.Offset.ToArray());
        CollectionAssert.AreEqual(new[] { 1f, 1f }, scaler.Scale.ToArray());
    }

    [TestMethod]
    [DataRow(InputScaling.Standardize)]
    [DataRow(InputScaling.MinMax)]
    [DataRow(InputScaling.GlobalMinMax)]
    public void Fit_SpreadTooSmallToInvert_OnlyShiftsTheFeature(InputScaling kind)
    {
        // Two features of subnormal values, about 1e-40 apart: 1 / spread is 1e40, beyond float.
        float[] rows = [1e-40f, 2e-40f, 3e-40f, 1e-40f, 2e-40f, 3e-40f];

        var inMemory = FeatureScaler.Fit(kind, rows, 3, 2);
        var streamed = FeatureScaler.FromStatistics(kind, [1e-40, 1e-40], [2e-40, 2e-40]);

        CollectionAssert.AreEqual(new[] { 1f, 1f }, inMemory.Scale.ToArray());
        CollectionAssert.AreEqual(new[] { 1f, 1f }, streamed.Scale.ToArray());
        var values = (float[])rows.Clone();
        inMemory.Apply(values);
        Assert.IsTrue(values.All(float.IsFinite));
    }
}
