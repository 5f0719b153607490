using Microsoft.ML;
using MLNet.Autoencoders.Estimators;
using MLNet.Autoencoders.Tests.TestData;

namespace MLNet.Autoencoders.Tests.Transforms;

/// <summary>Sampling asks for a count: zero gives an empty view, an impossible count a clear error.</summary>
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
}
