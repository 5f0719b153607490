using Microsoft.ML;
using MLNet.Autoencoders.Estimators;
using MLNet.Autoencoders.Tests.TestData;

namespace MLNet.Autoencoders.Tests.Variational;

[TestClass]
public sealed class VariationalAutoencoderValidationTests
{
    private static readonly MLContext Ml = new(seed: 1);

    [TestMethod]
    [DataRow(-0.5f, "-0.5")]
    [DataRow(float.NaN, "NaN")]
    [DataRow(float.PositiveInfinity, "Infinity")]
    [DataRow(1e30f, "1E+30")]
    public void Create_BadBeta_ThrowsNamingTheOptionAndValue(float beta, string shown)
    {
        var options = VariationalAutoencoderEstimatorTests.Options(beta);

        var exception = Assert.Throws<ArgumentOutOfRangeException>(() => Ml.Transforms.VariationalAutoencoder(options));

        Assert.Contains("'Beta' must be in [0, 1000]", exception.Message);
        Assert.Contains($"Got {shown}.", exception.Message);
    }

    [TestMethod]
    public void Create_LogVarianceColumnNamedLikeTheLatentColumn_Throws()
    {
        var options = VariationalAutoencoderEstimatorTests.Options();
        options.LatentLogVarianceColumnName = "Latent";

        var exception = Assert.Throws<ArgumentException>(() => Ml.Transforms.VariationalAutoencoder(options));

        Assert.Contains("'LatentLogVarianceColumnName' must differ from the other output column names. Got 'Latent'.", exception.Message);
    }

    [TestMethod]
    public void Create_EmptyLogVarianceColumnName_Throws()
    {
        var options = VariationalAutoencoderEstimatorTests.Options();
        options.LatentLogVarianceColumnName = " ";

        var exception = Assert.Throws<ArgumentException>(() => Ml.Transforms.VariationalAutoencoder(options));

        Assert.Contains("'LatentLogVarianceColumnName' must name a column.", exception.Message);
    }

    [TestMethod]
    public void Create_BadHiddenLayerAndSharedOption_ThrowTheSharedMessages()
    {
        var layers = VariationalAutoencoderEstimatorTests.Options();
        layers.HiddenLayers = [8, 0];
        var latent = VariationalAutoencoderEstimatorTests.Options();
        latent.LatentDimension = 0;

        Assert.Contains("'HiddenLayers' must hold layer sizes from 1 to 16777216. Got 0 at index 1.",
            Assert.Throws<ArgumentOutOfRangeException>(() => Ml.Transforms.VariationalAutoencoder(layers)).Message);
        Assert.Contains("'LatentDimension' must be positive. Got 0.",
            Assert.Throws<ArgumentOutOfRangeException>(() => Ml.Transforms.VariationalAutoencoder(latent)).Message);
    }

    [TestMethod]
    public void Generation_BadArguments_Throw()
    {
        var data = ManifoldData.Load(Ml, 20);
        using var model = Ml.Transforms.VariationalAutoencoder(VariationalAutoencoderEstimatorTests.Options(epochs: 1)).Fit(data);
        var row = ManifoldData.Rows(1)[0].Features;

        Assert.Throws<ArgumentOutOfRangeException>(() => model.Sample(-1, seed: 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => model.Interpolate(row, row, steps: 1));
        Assert.Contains("Interpolate needs two rows of 6 features; got 6 and 2.",
            Assert.Throws<ArgumentException>(() => model.Interpolate(row, [1f, 2f], steps: 3)).Message);
        Assert.Contains("Latent point 1 has 3 values; the model's latent dimension is 2.",
            Assert.Throws<ArgumentException>(() => model.Decode([[0f, 0f], [0f, 0f, 0f]])).Message);
        model.Dispose();
        Assert.Throws<ObjectDisposedException>(() => model.Sample(1, seed: 1));
    }
}
