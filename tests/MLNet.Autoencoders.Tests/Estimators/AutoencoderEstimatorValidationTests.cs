using Microsoft.ML;
using Microsoft.ML.Data;
using MLNet.Autoencoders.Estimators;
using MLNet.Autoencoders.Tests.TestData;

namespace MLNet.Autoencoders.Tests.Estimators;

[TestClass]
public sealed class AutoencoderEstimatorValidationTests
{
    private sealed class ScalarRow
    {
        public float Features { get; set; }
    }

    private sealed class VariableRow
    {
        public float[] Features { get; set; } = [];
    }

    private static AutoencoderOptions Quick() => new() { LatentDimension = 2, Epochs = 2, Seed = 1 };

    private static T ThrowsWithMessage<T>(Action action, params string[] fragments) where T : Exception
    {
        var exception = Assert.Throws<T>(action);
        foreach (var fragment in fragments)
            Assert.Contains(fragment, exception.Message);
        return exception;
    }

    [TestMethod]
    public void Fit_MissingColumn_ThrowsNamingTheColumn()
    {
        var ml = new MLContext(seed: 1);
        var options = Quick();
        options.InputColumnName = "Pixels";
        ThrowsWithMessage<ArgumentOutOfRangeException>(() => ml.Transforms.Autoencoder(options).Fit(ManifoldData.Load(ml, 10)),
            "Could not find input column 'Pixels'");
    }

    [TestMethod]
    public void Fit_ScalarColumn_ThrowsSchemaMismatch()
    {
        var ml = new MLContext(seed: 1);
        var data = ml.Data.LoadFromEnumerable(new[] { new ScalarRow { Features = 1 } });
        ThrowsWithMessage<ArgumentOutOfRangeException>(() => ml.Transforms.Autoencoder(Quick()).Fit(data),
            "Schema mismatch for input column 'Features'", "expected known-size vector of Single", "got Single");
    }

    [TestMethod]
    public void FitAndGetOutputSchema_VariableSizeVector_ThrowSchemaMismatchSayingHowToDeclareTheSize()
    {
        var ml = new MLContext(seed: 1);
        var data = ml.Data.LoadFromEnumerable(new[] { new VariableRow { Features = [1, 2] } });
        ThrowsWithMessage<ArgumentOutOfRangeException>(() => ml.Transforms.Autoencoder(Quick()).Fit(data),
            "Schema mismatch for input column 'Features'", "expected known-size vector of Single", "got Vector<Single>",
            "put [VectorType(n)] on the float[] field or property 'Features'", "or load it with a SchemaDefinition");
        ThrowsWithMessage<ArgumentOutOfRangeException>(() => ml.Transforms.Autoencoder(Quick()).GetOutputSchema(SchemaShapes.Of(data.Schema)),
            "got VariableVector<Single>", "put [VectorType(n)] on the float[] field or property 'Features'");
    }

    [TestMethod]
    public void Fit_TextColumn_ThrowsSchemaMismatch()
    {
        var ml = new MLContext(seed: 1);
        var options = Quick();
        options.InputColumnName = "Name";
        ThrowsWithMessage<ArgumentOutOfRangeException>(() => ml.Transforms.Autoencoder(options).Fit(ManifoldData.Load(ml, 5)),
            "Schema mismatch for input column 'Name'", "got String");
    }

    [TestMethod]
    [DataRow(float.NaN, "NaN")]
    [DataRow(float.PositiveInfinity, "Infinity")]
    [DataRow(float.NegativeInfinity, "-Infinity")]
    public void Fit_NonFiniteValue_ThrowsNamingColumnRowAndFeature(float value, string shown)
    {
        var ml = new MLContext(seed: 1);
        var rows = ManifoldData.Rows(20);
        rows[13].Features[4] = value;
        ThrowsWithMessage<ArgumentOutOfRangeException>(() => ml.Transforms.Autoencoder(Quick()).Fit(ml.Data.LoadFromEnumerable(rows)),
            "Column 'Features'", $"has {shown} in row 13, feature 4");
    }

    [TestMethod]
    public void Fit_EmptyData_ThrowsNoRows()
    {
        var ml = new MLContext(seed: 1);
        ThrowsWithMessage<ArgumentException>(() => ml.Transforms.Autoencoder(Quick()).Fit(ManifoldData.Load(ml, 0)),
            "column 'Features'", "has no rows");
    }

    [TestMethod]
    [DataRow(nameof(AutoencoderOptions.LatentDimension), 0, "'LatentDimension' must be positive. Got 0.")]
    [DataRow(nameof(AutoencoderOptions.Epochs), -1, "'Epochs' must be positive. Got -1.")]
    [DataRow(nameof(AutoencoderOptions.BatchSize), 0, "'BatchSize' must be positive. Got 0.")]
    [DataRow(nameof(AutoencoderOptions.ScoringBatchSize), 0, "'ScoringBatchSize' must be positive. Got 0.")]
    [DataRow(nameof(AutoencoderOptions.EarlyStoppingPatience), -3, "'EarlyStoppingPatience' must be zero (off) or positive. Got -3.")]
    [DataRow(nameof(AutoencoderOptions.NumberOfThreads), 0, "'NumberOfThreads' must be positive when set. Got 0.")]
    public void Options_IntegerOutOfRange_ThrowsWithNameRuleAndValue(string option, int value, string message)
    {
        var options = Quick();
        typeof(AutoencoderOptions).GetProperty(option)!.SetValue(options, value);
        ThrowsWithMessage<ArgumentOutOfRangeException>(() => new MLContext().Transforms.Autoencoder(options), message);
    }

    [TestMethod]
    [DataRow(nameof(AutoencoderOptions.LearningRate), 0f, "'LearningRate' must be a positive finite number. Got 0.")]
    [DataRow(nameof(AutoencoderOptions.LearningRate), float.NaN, "'LearningRate' must be a positive finite number. Got NaN.")]
    [DataRow(nameof(AutoencoderOptions.WeightDecay), -0.1f, "'WeightDecay' must be zero or a positive finite number. Got -0.1.")]
    [DataRow(nameof(AutoencoderOptions.ValidationFraction), 1f, "'ValidationFraction' must be in [0, 1). Got 1.")]
    public void Options_RealOutOfRange_ThrowsWithNameRuleAndValue(string option, float value, string message)
    {
        var options = Quick();
        typeof(AutoencoderOptions).GetProperty(option)!.SetValue(options, value);
        ThrowsWithMessage<ArgumentOutOfRangeException>(() => new MLContext().Transforms.Autoencoder(options), message);
    }

    [TestMethod]
    public void Options_NonPositiveHiddenLayer_ThrowsWithIndex()
    {
        var options = Quick();
        options.HiddenLayers = [8, 0];
        ThrowsWithMessage<ArgumentOutOfRangeException>(() => new MLContext().Transforms.Autoencoder(options),
            "'HiddenLayers' must hold layer sizes from 1 to 16777216. Got 0 at index 1.");
    }

    [TestMethod]
    public void Options_MoreHiddenLayersThanAModelCanHold_ThrowsBeforeTraining()
    {
        var options = Quick();
        options.HiddenLayers = Enumerable.Repeat(4, 65).ToArray();
        ThrowsWithMessage<ArgumentOutOfRangeException>(() => new MLContext().Transforms.Autoencoder(options),
            "'HiddenLayers' may hold at most 64 layers. Got 65.");
    }

    [TestMethod]
    public void Options_UndefinedActivation_ListsValidChoices()
    {
        var options = Quick();
        options.Activation = (MLNet.Autoencoders.Transforms.Activation)42;
        ThrowsWithMessage<ArgumentOutOfRangeException>(() => new MLContext().Transforms.Autoencoder(options),
            "'Activation' must be one of Relu, LeakyRelu, Elu, Tanh, Sigmoid, Gelu. Got 42.");
    }

    [TestMethod]
    public void Options_DuplicateOutputNames_Throw()
    {
        var options = Quick();
        options.ReconstructionColumnName = "Latent";
        ThrowsWithMessage<ArgumentException>(() => new MLContext().Transforms.Autoencoder(options), "output column names must differ");
    }

    [TestMethod]
    public void Fit_DivergingLearningRate_ThrowsSuggestingLowerRate()
    {
        var ml = new MLContext(seed: 1);
        var rows = ManifoldData.Rows(50);
        var options = Quick();
        options.Scaling = MLNet.Autoencoders.Transforms.InputScaling.None;
        options.LearningRate = 1e30f;
        options.Epochs = 20;
        ThrowsWithMessage<InvalidOperationException>(() => ml.Transforms.Autoencoder(options).Fit(ml.Data.LoadFromEnumerable(rows)),
            "training diverged", "Try a lower LearningRate");
    }

    [TestMethod]
    public void Fit_ExtremeMagnitudes_AreHandledByTheScaler()
    {
        var ml = new MLContext(seed: 1);
        var rows = ManifoldData.Rows(50);
        foreach (var row in rows)
            row.Features[0] *= 1e30f;
        var data = ml.Data.LoadFromEnumerable(rows);
        using var model = ml.Transforms.Autoencoder(Quick()).Fit(data);

        var reconstruction = Columns.Vectors(model.Transform(data), "Reconstruction");
        Assert.IsTrue(reconstruction.All(r => r.All(float.IsFinite)), "reconstructions of 1e30-scale inputs stay finite");
    }

    [TestMethod]
    public void GetOutputSchema_MissingColumn_ThrowsLikeFit()
    {
        var ml = new MLContext(seed: 1);
        var options = Quick();
        options.InputColumnName = "Pixels";
        var shape = SchemaShapes.Of(ManifoldData.Load(ml, 1).Schema);
        ThrowsWithMessage<ArgumentOutOfRangeException>(() => ml.Transforms.Autoencoder(options).GetOutputSchema(shape),
            "Could not find input column 'Pixels'");
    }
}
