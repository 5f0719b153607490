using Microsoft.ML;
using Microsoft.ML.Data;
using MLNet.Autoencoders.Tests.TestData;
using static MLNet.Autoencoders.Tests.Reliability.ReliabilityComponents;

namespace MLNet.Autoencoders.Tests.Reliability;

/// <summary>
/// The same training mistakes against every estimator: each gets the documented exception, naming the column and the
/// expected and actual value, or is accepted as documented. Rows already tested in a component's own validation tests
/// (the dense autoencoder's in Estimators/, the detector's in AnomalyDetection/) are left out here.
/// </summary>
[TestClass]
public sealed class EstimatorBadInputTests
{
    private static readonly MLContext Ml = new(seed: 1);

    [TestMethod]
    [DataRow(VariationalAutoencoder)]
    [DataRow(MissingValueAutoencoder)]
    [DataRow(ConvolutionalAutoencoder)]
    [DataRow(ConvolutionalVariationalAutoencoder)]
    public void FitAndGetOutputSchema_MissingColumn_ThrowCouldNotFind(string name)
    {
        var component = Named(name);
        var data = BadColumns.Renamed(Ml, component);
        var estimator = component.Estimator(Ml);

        Expect.Throws<ArgumentOutOfRangeException>(() => estimator.Fit(data), "Could not find input column 'Features'.");
        Expect.Throws<ArgumentOutOfRangeException>(() => estimator.GetOutputSchema(SchemaShapes.Of(data.Schema)), "Could not find input column 'Features'.");
    }

    [TestMethod]
    [DataRow(AnomalyDetector)]
    [DataRow(VariationalAutoencoder)]
    [DataRow(MissingValueAutoencoder)]
    [DataRow(ConvolutionalAutoencoder)]
    [DataRow(ConvolutionalVariationalAutoencoder)]
    public void FitAndGetOutputSchema_NotAKnownSizeFloatVector_ThrowSchemaMismatchWithTheActualType(string name)
    {
        var component = Named(name);
        var estimator = component.Estimator(Ml);
        foreach (var data in BadColumns.NotKnownSizeFloatVectors(Ml, component.FeatureType))
        {
            string actual = data.Schema["Features"].Type.ToString()!;
            Expect.Throws<ArgumentOutOfRangeException>(() => estimator.Fit(data),
                $"Schema mismatch for input column 'Features': expected known-size vector of Single, got {actual}.");
            // A schema shape knows no sizes: "got Single", "got Vector<Double>", "got VariableVector<Single>".
            var fromShape = Expect.Throws<ArgumentOutOfRangeException>(() => estimator.GetOutputSchema(SchemaShapes.Of(data.Schema)),
                "Schema mismatch for input column 'Features': expected known-size vector of Single, got ");
            var type = data.Schema["Features"].Type;
            Assert.Contains(((type as VectorDataViewType)?.ItemType ?? type).ToString()!, fromShape.Message);
        }
    }

    [TestMethod]
    [DataRow(AnomalyDetector, float.PositiveInfinity, "Infinity")]
    [DataRow(AnomalyDetector, float.NegativeInfinity, "-Infinity")]
    [DataRow(VariationalAutoencoder, float.NaN, "NaN")]
    [DataRow(VariationalAutoencoder, float.PositiveInfinity, "Infinity")]
    [DataRow(VariationalAutoencoder, float.NegativeInfinity, "-Infinity")]
    [DataRow(MissingValueAutoencoder, float.PositiveInfinity, "Infinity")]
    [DataRow(ConvolutionalAutoencoder, float.NaN, "NaN")]
    [DataRow(ConvolutionalVariationalAutoencoder, float.NaN, "NaN")]
    [DataRow(ConvolutionalAutoencoder, float.PositiveInfinity, "Infinity")]
    [DataRow(ConvolutionalVariationalAutoencoder, float.PositiveInfinity, "Infinity")]
    [DataRow(ConvolutionalAutoencoder, float.NegativeInfinity, "-Infinity")]
    [DataRow(ConvolutionalVariationalAutoencoder, float.NegativeInfinity, "-Infinity")]
    public void Fit_NonFiniteTrainingValue_ThrowsNamingColumnRowAndFeature(string name, float value, string shown)
    {
        var component = Named(name);
        var rows = component.Rows(20, 7);
        rows[13][4] = value;

        var exception = Expect.Throws<ArgumentOutOfRangeException>(() => component.Estimator(Ml).Fit(component.Load(Ml, rows)),
            $"Column 'Features' has {shown} in row 13, feature 4;");

        Assert.Contains(component.TreatsNaNAsMissing ? "treats NaN as missing but needs every other value finite" : "Replace missing values first", exception.Message);
    }

    [TestMethod]
    [DataRow(VariationalAutoencoder)]
    [DataRow(MissingValueAutoencoder)]
    [DataRow(ConvolutionalAutoencoder)]
    [DataRow(ConvolutionalVariationalAutoencoder)]
    public void Fit_NoRows_ThrowsNamingTheColumn(string name)
    {
        var component = Named(name);

        Expect.Throws<ArgumentException>(() => component.Estimator(Ml).Fit(component.Data(Ml, 0)),
            "Cannot fit an autoencoder on column 'Features': the training data has no rows.");
    }

    [TestMethod]
    [DataRow(AnomalyDetector)]
    [DataRow(VariationalAutoencoder)]
    [DataRow(MissingValueAutoencoder)]
    [DataRow(ConvolutionalAutoencoder)]
    [DataRow(ConvolutionalVariationalAutoencoder)]
    public void Fit_SingleRow_GivesAModelWithFiniteOutputs(string name)
    {
        var component = Named(name);
        var data = component.Data(Ml, 1);

        using var model = (IDisposable)component.Estimator(Ml).Fit(data);

        var scored = ((ITransformer)model).Transform(data);
        Assert.IsTrue(float.IsFinite(Columns.Floats(scored, component.ScoreColumn).Single()));
        Assert.IsTrue(Columns.Vectors(scored, component.VectorColumn).Single().All(float.IsFinite));
    }

    [TestMethod]
    [DataRow(AnomalyDetector)]
    [DataRow(VariationalAutoencoder)]
    [DataRow(MissingValueAutoencoder)]
    [DataRow(ConvolutionalAutoencoder)]
    [DataRow(ConvolutionalVariationalAutoencoder)]
    public void Fit_FewerRowsThanTheBatchSize_TrainsEveryEpochOnOneBatch(string name)
    {
        var component = Named(name);
        var estimator = component.Estimator(Ml, o =>
        {
            Set(o, "BatchSize", 64);
            Set(o, "EarlyStoppingPatience", 0);
        });

        using var model = (IDisposable)estimator.Fit(component.Data(Ml, 10));

        foreach (var history in FittedModels.Histories((ITransformer)model))
        {
            Assert.HasCount(3, history);
            Assert.IsTrue(history.All(e => double.IsFinite(e.TrainingLoss)));
        }
    }

    [TestMethod]
    [DataRow(AnomalyDetector)]
    [DataRow(VariationalAutoencoder)]
    [DataRow(MissingValueAutoencoder)]
    [DataRow(ConvolutionalAutoencoder)]
    [DataRow(ConvolutionalVariationalAutoencoder)]
    public void Fit_DivergingLearningRate_ThrowsSuggestingALowerRate(string name)
    {
        var component = Named(name);
        var estimator = component.Estimator(Ml, o =>
        {
            Set(o, "LearningRate", 1e30f);
            Set(o, "Epochs", 20);
        });

        Expect.Throws<InvalidOperationException>(() => estimator.Fit(component.Data(Ml, 40)),
            "Autoencoder training diverged: the ", "Try a lower LearningRate");
    }

    [TestMethod]
    [DataRow(AnomalyDetector)]
    [DataRow(VariationalAutoencoder)]
    [DataRow(MissingValueAutoencoder)]
    [DataRow(ConvolutionalAutoencoder)]
    [DataRow(ConvolutionalVariationalAutoencoder)]
    public void Fit_ExtremeMagnitudes_AreBroughtToUnitScaleAndGiveFiniteOutputs(string name)
    {
        var component = Named(name);
        var rows = component.Rows(40, 7).Select(r => r.Select(v => v * 1e30f).ToArray()).ToArray();
        var data = component.Load(Ml, rows);

        using var model = (IDisposable)component.Estimator(Ml).Fit(data);

        var scored = ((ITransformer)model).Transform(data);
        var vectors = Columns.Vectors(scored, component.VectorColumn);
        var scores = Columns.Floats(scored, component.ScoreColumn);
        for (int i = 0; i < rows.Length; i++)
        {
            Assert.IsTrue(vectors[i].All(float.IsFinite), $"row {i}: {string.Join(", ", vectors[i])}");
            // A squared error in input units overflows float at this scale (1e30 squared); the detector's scores are in scaled units.
            Assert.IsTrue(component.ScoreColumn == "Score" ? float.IsFinite(scores[i]) : !float.IsNaN(scores[i]), $"row {i}: score {scores[i]}");
        }
    }
}
