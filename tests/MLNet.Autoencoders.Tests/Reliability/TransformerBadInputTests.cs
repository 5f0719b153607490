using Microsoft.ML;
using Microsoft.ML.Data;
using MLNet.Autoencoders.ModelLoadCheck;
using MLNet.Autoencoders.Tests.TestData;
using static MLNet.Autoencoders.Tests.Reliability.ReliabilityComponents;

namespace MLNet.Autoencoders.Tests.Reliability;

/// <summary>
/// The same scoring mistakes against every fitted component: schema errors from Transform, GetOutputSchema,
/// GetRowToRowMapper and PredictionEngine alike; and non-finite inputs, which give non-finite outputs for their own row
/// and leave every other row exactly as it was. (The dense autoencoder's are in TransformBadInputTests.)
/// </summary>
[TestClass]
public sealed class TransformerBadInputTests
{
    private static FittedModels models = null!;

    private static MLContext Ml => models.Ml;

    [ClassInitialize]
    public static void Initialize(TestContext _) => models = new FittedModels();

    [ClassCleanup]
    public static void Cleanup() => models.Dispose();

    private sealed class NoOutput
    {
    }

    [TestMethod]
    [DataRow(AnomalyDetector)]
    [DataRow(VariationalAutoencoder)]
    [DataRow(MissingValueAutoencoder)]
    [DataRow(ConvolutionalAutoencoder)]
    [DataRow(ConvolutionalVariationalAutoencoder)]
    public void EveryEntryPoint_MissingColumn_ThrowsCouldNotFind(string name)
    {
        var component = Named(name);
        var model = models[name];

        AssertEveryEntryPointThrows(model, BadColumns.Renamed(Ml, component), component.FeatureType, "Could not find input column 'Features'.");
    }

    [TestMethod]
    [DataRow(AnomalyDetector)]
    [DataRow(VariationalAutoencoder)]
    [DataRow(MissingValueAutoencoder)]
    [DataRow(ConvolutionalAutoencoder)]
    [DataRow(ConvolutionalVariationalAutoencoder)]
    public void EveryEntryPoint_NotAKnownSizeFloatVector_ThrowsSchemaMismatchWithTheActualType(string name)
    {
        var component = Named(name);
        var model = models[name];

        foreach (var data in BadColumns.NotKnownSizeFloatVectors(Ml, component.FeatureType))
        {
            var type = data.Schema["Features"].Type;
            string message = $"Schema mismatch for input column 'Features': expected known-size vector of Single, got {type}.";
            Expect.Throws<ArgumentOutOfRangeException>(() => model.Transform(data), message);
            Expect.Throws<ArgumentOutOfRangeException>(() => model.GetOutputSchema(data.Schema), message);
            Expect.Throws<ArgumentOutOfRangeException>(() => model.GetRowToRowMapper(data.Schema), message);
        }
    }

    [TestMethod]
    [DataRow(AnomalyDetector)]
    [DataRow(VariationalAutoencoder)]
    [DataRow(MissingValueAutoencoder)]
    [DataRow(ConvolutionalAutoencoder)]
    [DataRow(ConvolutionalVariationalAutoencoder)]
    public void EveryEntryPoint_VectorOfAnotherSize_ThrowsWithExpectedAndActualSize(string name)
    {
        var component = Named(name);
        var other = new VectorDataViewType(NumberDataViewType.Single, BadColumns.OtherSize);

        AssertEveryEntryPointThrows(models[name], BadColumns.OfOtherSize(Ml), other,
            $"Schema mismatch for input column 'Features': expected vector of Single of size {component.FeatureCount}, got Vector<Single, {BadColumns.OtherSize}>.",
            $"The data has {BadColumns.OtherSize} features, but the model was trained on {component.FeatureCount}.");
    }

    [TestMethod]
    [DataRow(AnomalyDetector)]
    [DataRow(VariationalAutoencoder)]
    [DataRow(MissingValueAutoencoder)]
    [DataRow(ConvolutionalAutoencoder)]
    [DataRow(ConvolutionalVariationalAutoencoder)]
    public void Transform_EmptyView_GivesNoRowsAndEveryColumn(string name)
    {
        var component = Named(name);
        var model = models[name];

        string dump = DataViewDump.ToText(model.Transform(component.Data(Ml, 0)));

        StringAssert.EndsWith(dump, "rows 0\n");
        Assert.Contains($"\"{component.ScoreColumn}\"", dump);
        Assert.Contains($"\"{component.VectorColumn}\"", dump);
    }

    [TestMethod]
    [DataRow(VariationalAutoencoder, float.NaN)]
    [DataRow(ConvolutionalAutoencoder, float.NaN)]
    [DataRow(ConvolutionalVariationalAutoencoder, float.NaN)]
    [DataRow(AnomalyDetector, float.PositiveInfinity)]
    [DataRow(AnomalyDetector, float.NegativeInfinity)]
    [DataRow(VariationalAutoencoder, float.PositiveInfinity)]
    [DataRow(VariationalAutoencoder, float.NegativeInfinity)]
    [DataRow(MissingValueAutoencoder, float.PositiveInfinity)]
    [DataRow(ConvolutionalAutoencoder, float.PositiveInfinity)]
    [DataRow(ConvolutionalVariationalAutoencoder, float.PositiveInfinity)]
    [DataRow(ConvolutionalAutoencoder, float.NegativeInfinity)]
    [DataRow(ConvolutionalVariationalAutoencoder, float.NegativeInfinity)]
    public void Transform_NonFiniteValueInARow_GivesNonFiniteOutputsForThatRowOnly(string name, float value)
    {
        var component = Named(name);
        var model = models[name];
        const int Poisoned = 20;
        // 40 rows: three scoring batches of 16, the poisoned row in the second.
        var rows = component.Rows(40, 9);
        var clean = DataViewDump.ToText(model.Transform(component.Load(Ml, rows))).Split('\n');
        rows[Poisoned][2] = value;
        var scored = model.Transform(component.Load(Ml, rows));

        var poisoned = DataViewDump.ToText(scored).Split('\n');
        float score = Columns.Floats(scored, component.ScoreColumn)[Poisoned];

        Assert.IsFalse(float.IsFinite(score), $"score {score}");
        if (float.IsNaN(value))
            Assert.IsTrue(float.IsNaN(score), $"score {score}");
        Assert.IsTrue(Columns.Vectors(scored, component.VectorColumn)[Poisoned].Any(v => !float.IsFinite(v)));
        if (scored.Schema.GetColumnOrNull("PredictedLabel") is not null)
            Assert.AreEqual(score > ((MLNet.Autoencoders.Transforms.AnomalyDetection.AutoencoderAnomalyTransformer)model).Threshold, scored.GetColumn<bool>("PredictedLabel").ElementAt(Poisoned));
        int row = 0;
        for (int line = 0; line < clean.Length; line++)
        {
            if (!clean[line].StartsWith("row ", StringComparison.Ordinal))
                continue;
            if (row++ != Poisoned)
                Assert.AreEqual(clean[line], poisoned[line], $"row {row - 1}");
        }
        Assert.AreEqual(40, row);
    }

    [TestMethod]
    [DataRow(AnomalyDetector)]
    [DataRow(VariationalAutoencoder)]
    [DataRow(ConvolutionalAutoencoder)]
    [DataRow(ConvolutionalVariationalAutoencoder)]
    public void PredictionEngine_NaNRow_GivesTheCursorsNaNOutputsAndGoesOn(string name)
    {
        var component = Named(name);
        var model = models[name];
        var rows = component.Rows(3, 9);
        rows[1][0] = float.NaN;
        var expected = Columns.Floats(model.Transform(component.Load(Ml, rows)), component.ScoreColumn);
        var engine = Ml.Model.CreatePredictionEngine<FeatureRow, ScoreRow>(model, inputSchemaDefinition: FeatureRow.Definition(component.FeatureType),
            outputSchemaDefinition: ScoreRow.Definition(component));

        var actual = rows.Select(r => engine.Predict(new FeatureRow { Features = r }).Score).ToArray();

        Assert.IsTrue(float.IsNaN(actual[1]));
        Assert.IsTrue(float.IsFinite(actual[0]) && float.IsFinite(actual[2]));
        Assert.AreEqual(expected[0], actual[0], 1e-5f * (1 + Math.Abs(expected[0])));
        Assert.AreEqual(expected[2], actual[2], 1e-5f * (1 + Math.Abs(expected[2])));
    }

    private static void AssertEveryEntryPointThrows(ITransformer model, IDataView data, VectorDataViewType inputType, params string[] fragments)
    {
        Expect.Throws<ArgumentOutOfRangeException>(() => model.Transform(data), fragments);
        Expect.Throws<ArgumentOutOfRangeException>(() => model.GetOutputSchema(data.Schema), fragments);
        Expect.Throws<ArgumentOutOfRangeException>(() => model.GetRowToRowMapper(data.Schema), fragments);
        var definition = FeatureRow.Definition(inputType, data.Schema.GetColumnOrNull("Features") is null ? "Other" : "Features");
        Expect.Throws<ArgumentOutOfRangeException>(() => Ml.Model.CreatePredictionEngine<FeatureRow, NoOutput>(model, inputSchemaDefinition: definition), fragments);
    }
}
