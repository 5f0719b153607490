using Microsoft.ML;
using Microsoft.ML.Data;
using MLNet.Autoencoders.Estimators;
using MLNet.Autoencoders.Tests.TestData;
using MLNet.Autoencoders.Transforms;

namespace MLNet.Autoencoders.Tests.Reliability;

/// <summary>Mistakes at transform time: each gets a managed exception naming the column, the expected and the actual value.</summary>
[TestClass]
public sealed class TransformBadInputTests
{
    private static MLContext ml = null!;
    private static AutoencoderTransformer model = null!;

    private sealed class OtherNameRow
    {
        [VectorType(ManifoldData.FeatureCount)]
        public float[] Pixels { get; set; } = [];
    }

    private sealed class ScalarRow
    {
        public float Features { get; set; }
    }

    private sealed class VariableRow
    {
        public float[] Features { get; set; } = [];
    }

    private sealed class DoubleRow
    {
        [VectorType(ManifoldData.FeatureCount)]
        public double[] Features { get; set; } = [];
    }

    private sealed class WideRow
    {
        [VectorType(9)]
        public float[] Features { get; set; } = [];
    }

    private sealed class Scores
    {
        public float ReconstructionError { get; set; }
    }

    [ClassInitialize]
    public static void Fit(TestContext _)
    {
        ml = new MLContext(seed: 1);
        model = ml.Transforms.Autoencoder(new AutoencoderOptions { LatentDimension = 2, Epochs = 2, Seed = 1 }).Fit(ManifoldData.Load(ml, 40));
    }

    [ClassCleanup]
    public static void Cleanup() => model.Dispose();

    private static void AssertSchemaError(Action action, params string[] fragments)
    {
        var exception = Assert.Throws<ArgumentOutOfRangeException>(action);
        foreach (string fragment in fragments)
            Assert.Contains(fragment, exception.Message);
    }

    [TestMethod]
    public void Transform_MissingColumn_ThrowsCouldNotFind() =>
        AssertSchemaError(() => model.Transform(ml.Data.LoadFromEnumerable(new[] { new OtherNameRow { Pixels = new float[6] } })),
            "Could not find input column 'Features'");

    [TestMethod]
    public void Transform_ScalarColumn_ThrowsSchemaMismatch() =>
        AssertSchemaError(() => model.Transform(ml.Data.LoadFromEnumerable(new[] { new ScalarRow() })),
            "Schema mismatch for input column 'Features'", "expected known-size vector of Single", "got Single");

    [TestMethod]
    public void Transform_VariableSizeVector_ThrowsSchemaMismatch() =>
        AssertSchemaError(() => model.Transform(ml.Data.LoadFromEnumerable(new[] { new VariableRow { Features = new float[6] } })),
            "Schema mismatch for input column 'Features'", "got Vector<Single>");

    [TestMethod]
    public void Transform_VectorOfDouble_ThrowsSchemaMismatch() =>
        AssertSchemaError(() => model.Transform(ml.Data.LoadFromEnumerable(new[] { new DoubleRow { Features = new double[6] } })),
            "Schema mismatch for input column 'Features'", "got Vector<Double, 6>");

    [TestMethod]
    public void Transform_WiderVector_ThrowsWithExpectedAndActualSize() =>
        AssertSchemaError(() => model.Transform(ml.Data.LoadFromEnumerable(new[] { new WideRow { Features = new float[9] } })),
            "expected vector of Single of size 6", "The data has 9 features, but the model was trained on 6");

    [TestMethod]
    public void GetRowToRowMapper_WrongSize_ThrowsLikeTransform() =>
        AssertSchemaError(() => model.GetRowToRowMapper(ml.Data.LoadFromEnumerable(new[] { new WideRow { Features = new float[9] } }).Schema),
            "The data has 9 features, but the model was trained on 6");

    [TestMethod]
    public void PredictionEngine_WrongSize_ThrowsWhenCreated() =>
        AssertSchemaError(() => ml.Model.CreatePredictionEngine<WideRow, Scores>(model),
            "The data has 9 features, but the model was trained on 6");

    [TestMethod]
    public void GetOutputSchema_MissingColumn_ThrowsCouldNotFind() =>
        AssertSchemaError(() => model.GetOutputSchema(ml.Data.LoadFromEnumerable(new[] { new OtherNameRow() }).Schema),
            "Could not find input column 'Features'");

    [TestMethod]
    public void Transform_InfiniteInput_GivesNonFiniteOutputsForThatRowAndGoesOn()
    {
        var rows = ManifoldData.Rows(3);
        rows[0].Features[0] = float.PositiveInfinity;
        var error = Columns.Floats(model.Transform(ml.Data.LoadFromEnumerable(rows)), "ReconstructionError");

        Assert.IsFalse(float.IsFinite(error[0]));
        Assert.IsTrue(float.IsFinite(error[1]) && float.IsFinite(error[2]));
    }

    [TestMethod]
    public void Fit_LatentNotSmallerThanInput_IsAllowedAndLogsAWarning()
    {
        var local = new MLContext(seed: 1);
        var messages = new List<string>();
        local.Log += (_, e) => { lock (messages) messages.Add(e.Message); };
        using var wide = local.Transforms.Autoencoder(new AutoencoderOptions { LatentDimension = 8, Epochs = 1, Seed = 1 }).Fit(ManifoldData.Load(local, 20));

        Assert.AreEqual(8, wide.Architecture.LatentDimension);
        Assert.IsTrue(messages.Any(m => m.Contains("LatentDimension 8 is not smaller than the 6 input features")));
    }

    [TestMethod]
    public void FitVariational_LatentNotSmallerThanInput_LogsTheSameWarning()
    {
        var local = new MLContext(seed: 1);
        var messages = new List<string>();
        local.Log += (_, e) => { lock (messages) messages.Add(e.Message); };
        using var wide = local.Transforms.VariationalAutoencoder(new VariationalAutoencoderOptions { LatentDimension = 6, Epochs = 1, Seed = 1 })
            .Fit(ManifoldData.Load(local, 20));

        Assert.IsTrue(messages.Any(m => m.Contains("LatentDimension 6 is not smaller than the 6 input features")));
    }
}
