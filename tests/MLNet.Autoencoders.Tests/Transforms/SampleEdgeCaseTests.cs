using Microsoft.ML;
using MLNet.Autoencoders.Estimators;
using MLNet.Autoencoders.Tests.TestData;

namespace MLNet.Autoencoders.Tests.Transforms;

/// <summary>Sampling asks for a count, interpolating for steps: zero samples give an empty view, an impossible count a clear error.</summary>
[TestClass]
public sealed class SampleEdgeCaseTests
{
    [TestMethod]
    public void Sample_Zero_ReturnsAnEmptyView_AndAHugeCountThrowsNamingCount()
    {
        var ml = new MLContext(seed: 1);
        using var model = ml.Transforms.VariationalAutoencoder(new VariationalAutoencoderOptions { LatentDimension = 2, Epochs = 1, Seed = 1 })
            .Fit(ManifoldData.Load(ml, 20));

        Assert.AreEqual(0, model.Sample(0, seed: 1).GetRowCount());
        var exception = Assert.Throws<ArgumentOutOfRangeException>(() => model.Sample(int.MaxValue, seed: 1));
        Assert.AreEqual("count", exception.ParamName);
    }

    [TestMethod]
    public void Interpolate_HugeStepCount_ThrowsNamingStepsAndWhatFits()
    {
        var ml = new MLContext(seed: 1);
        using var model = ml.Transforms.VariationalAutoencoder(new VariationalAutoencoderOptions { LatentDimension = 2, Epochs = 1, Seed = 1 })
            .Fit(ManifoldData.Load(ml, 20));
        var rows = ManifoldData.Rows(2);

        var exception = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => model.Interpolate(rows[0].Features, rows[1].Features, int.MaxValue));

        Assert.AreEqual("steps", exception.ParamName);
        Assert.Contains("rows of this model fit in one view. Got 2147483647.", exception.Message);
    }
}
