using Microsoft.ML;
using MLNet.Autoencoders.Estimators;
using MLNet.Autoencoders.Tests.TestData;

namespace MLNet.Autoencoders.Tests.MissingValues;

[TestClass]
public sealed class MissingValueValidationTests
{
    private static readonly MLContext Ml = new(seed: 1);

    private static IDataView WithValue(int row, int feature, float value)
    {
        var rows = ManifoldData.Rows(20);
        rows[row].Features[feature] = value;
        return Ml.Data.LoadFromEnumerable(rows);
    }

    [TestMethod]
    public void Fit_NaNWithTheOptionOff_ThrowsNamingColumnRowAndFeatureAndTheOption()
    {
        var options = MissingValueImputationTests.Options(epochs: 1);
        options.TreatNaNAsMissing = false;

        var exception = Assert.Throws<ArgumentOutOfRangeException>(() => Ml.Transforms.Autoencoder(options).Fit(WithValue(13, 4, float.NaN)));

        Assert.Contains("Column 'Features' has NaN in row 13, feature 4", exception.Message);
        Assert.Contains("TreatNaNAsMissing", exception.Message);
    }

    [TestMethod]
    public void Fit_InfinityWithTheOptionOn_StillThrows()
    {
        var exception = Assert.Throws<ArgumentOutOfRangeException>(() =>
            Ml.Transforms.Autoencoder(MissingValueImputationTests.Options(epochs: 1)).Fit(WithValue(2, 1, float.NegativeInfinity)));

        Assert.Contains("in row 2, feature 1; an autoencoder treats NaN as missing but needs every other value finite.", exception.Message);
    }

    [TestMethod]
    public void Fit_FeatureNeverObserved_ThrowsNamingTheFeature()
    {
        var rows = ManifoldData.Rows(20);
        foreach (var row in rows)
            row.Features[3] = float.NaN;

        var exception = Assert.Throws<ArgumentOutOfRangeException>(() =>
            Ml.Transforms.Autoencoder(MissingValueImputationTests.Options(epochs: 1)).Fit(Ml.Data.LoadFromEnumerable(rows)));

        Assert.Contains("Column 'Features' has no observed value for feature 3 in any of the 20 training rows", exception.Message);
    }

    [TestMethod]
    public void Create_ImputedColumnNamedLikeAnotherOutput_Throws()
    {
        var options = MissingValueImputationTests.Options();
        options.ImputedColumnName = "Reconstruction";

        var exception = Assert.Throws<ArgumentException>(() => Ml.Transforms.Autoencoder(options));

        Assert.Contains("'ImputedColumnName' must differ from the other output column names. Got 'Reconstruction'.", exception.Message);
    }

    [TestMethod]
    public void Create_ImputedColumnNameIgnored_WhenTheOptionIsOff()
    {
        var options = MissingValueImputationTests.Options();
        options.TreatNaNAsMissing = false;
        options.ImputedColumnName = "";

        Assert.IsNotNull(Ml.Transforms.Autoencoder(options));
    }
}
