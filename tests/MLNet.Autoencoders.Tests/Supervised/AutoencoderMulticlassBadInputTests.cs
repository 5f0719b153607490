using Microsoft.ML;
using Microsoft.ML.Data;
using MLNet.Autoencoders.Estimators;
using MLNet.Autoencoders.Tests.TestData;

namespace MLNet.Autoencoders.Tests.Supervised;

[TestClass]
public sealed class AutoencoderMulticlassBadInputTests
{
    private static AutoencoderMulticlassOptions Options() => AutoencoderMulticlassTrainerTests.SmallOptions();

    /// <summary>Both GetOutputSchema (when it can tell) and Fit reject the data, with a message containing each of <paramref name="expected"/>.</summary>
    private static void AssertFitFails<T>(MLContext ml, IDataView data, AutoencoderMulticlassOptions options, bool schemaToo, params string[] expected) where T : Exception
    {
        var trainer = ml.MulticlassClassification.Trainers.Autoencoder(options);
        if (schemaToo)
            AssertMessage(Assert.Throws<T>(() => trainer.GetOutputSchema(SchemaShapes.Of(data.Schema))), expected);
        AssertMessage(Assert.Throws<T>(() => trainer.Fit(data)), expected);
    }

    private static void AssertMessage(Exception exception, string[] expected)
    {
        foreach (string part in expected)
            Assert.Contains(part, exception.Message);
    }

    [TestMethod]
    public void Fit_LabelNotAKey_ThrowsNamingTheColumnAndTheFix()
    {
        var ml = new MLContext(seed: 1);
        var data = ml.Data.LoadFromEnumerable(LabelledBlobs.Rows(30, 1));
        var options = Options();
        options.LabelColumnName = nameof(BlobRow.Offset);
        AssertFitFails<ArgumentOutOfRangeException>(ml, data, options, schemaToo: true,
            "Schema mismatch for label column 'Offset': expected a key type, got Single", "MapValueToKey");
    }

    [TestMethod]
    public void Fit_MissingLabelColumn_ThrowsCouldNotFind()
    {
        var ml = new MLContext(seed: 1);
        var data = LabelledBlobs.Load(ml, LabelledBlobs.Rows(30, 1));
        var options = Options();
        options.LabelColumnName = "Species";
        AssertFitFails<ArgumentOutOfRangeException>(ml, data, options, schemaToo: true, "Could not find label column 'Species'");
    }

    [TestMethod]
    public void Fit_AllRowsUnlabelled_ThrowsSayingNoRowIsLabelled()
    {
        var ml = new MLContext(seed: 1);
        var rows = LabelledBlobs.Rows(30, 1);
        var keyed = LabelledBlobs.Load(ml, rows);
        // Keep the key type (three classes) but drop every label: filter the labelled rows' keys to missing.
        var unlabelled = ml.Data.LoadFromEnumerable(rows.Select(r => new BlobRow { Features = r.Features, TrueClass = r.TrueClass, Class = "" }));
        var mapping = ml.Transforms.Conversion.MapValueToKey("Label", nameof(BlobRow.Class)).Fit(ml.Data.LoadFromEnumerable(rows));
        var data = mapping.Transform(unlabelled);
        AssertFitFails<ArgumentOutOfRangeException>(ml, data, Options(), schemaToo: false,
            "label column 'Label' has no labelled row: all 30 training rows have the missing key 0");
    }

    [TestMethod]
    public void Fit_ClassWithoutLabelledRow_ThrowsNamingTheClass()
    {
        var ml = new MLContext(seed: 1);
        var rows = LabelledBlobs.Rows(30, 1);
        var mapping = ml.Transforms.Conversion.MapValueToKey("Label", nameof(BlobRow.Class),
            keyOrdinality: Microsoft.ML.Transforms.ValueToKeyMappingEstimator.KeyOrdinality.ByValue).Fit(ml.Data.LoadFromEnumerable(rows));
        var withoutBees = rows.Select(r => new BlobRow { Features = r.Features, TrueClass = r.TrueClass, Class = r.Class == "bee" ? "" : r.Class });
        var data = mapping.Transform(ml.Data.LoadFromEnumerable(withoutBees));
        AssertFitFails<ArgumentOutOfRangeException>(ml, data, Options(), schemaToo: false, "class 'bee' (key 2) has no labelled training row");
    }

    [TestMethod]
    public void Fit_FeaturesNotAFloatVector_ThrowsSchemaMismatch()
    {
        var ml = new MLContext(seed: 1);
        var data = LabelledBlobs.Load(ml, LabelledBlobs.Rows(30, 1));
        var options = Options();
        options.InputColumnName = nameof(BlobRow.Offset);
        AssertFitFails<ArgumentOutOfRangeException>(ml, data, options, schemaToo: true, "Schema mismatch for input column 'Offset': expected known-size vector of Single");
    }

    [TestMethod]
    public void Fit_PretrainedAutoencoderOfAnotherSize_ThrowsWithBothSizes()
    {
        var ml = new MLContext(seed: 1);
        var data = LabelledBlobs.Load(ml, LabelledBlobs.Rows(60, 1));
        var wider = ml.Transforms.Concatenate("Wide", "Features", "Features");
        var wideData = wider.Fit(data).Transform(data);
        using var pretrained = ml.Transforms.Autoencoder(new AutoencoderOptions { InputColumnName = "Wide", Epochs = 1, Seed = 1 }).Fit(wideData);
        var options = Options();
        options.PretrainedAutoencoder = pretrained;
        AssertFitFails<ArgumentOutOfRangeException>(ml, data, options, schemaToo: false,
            "Schema mismatch for input column 'Features': the pre-trained autoencoder expects vectors of 16 values, got Vector<Single, 8>");
    }

    [TestMethod]
    public void Fit_PretrainedAutoencoderWithPairedTarget_ThrowsSayingWhy()
    {
        var ml = new MLContext(seed: 1);
        var data = LabelledBlobs.Load(ml, LabelledBlobs.Rows(60, 1));
        var withTarget = ml.Transforms.Concatenate("Target", "Features", "Features").Fit(data).Transform(data);
        using var pretrained = ml.Transforms.Autoencoder(new AutoencoderOptions { TargetColumnName = "Target", Epochs = 1, Seed = 1 }).Fit(withTarget);
        var options = Options();
        options.PretrainedAutoencoder = pretrained;
        AssertFitFails<ArgumentOutOfRangeException>(ml, withTarget, options, schemaToo: false,
            "'PretrainedAutoencoder' was trained to produce a paired target column, not to reconstruct its input");
    }

    [TestMethod]
    public void Fit_AuxiliaryTargetOfWrongType_ThrowsNamingIt()
    {
        var ml = new MLContext(seed: 1);
        var data = LabelledBlobs.Load(ml, LabelledBlobs.Rows(30, 1));
        var options = Options();
        options.AuxiliaryTargets.Add(new AuxiliaryTarget { ColumnName = nameof(BlobRow.TrueClass) });
        AssertFitFails<ArgumentOutOfRangeException>(ml, data, options, schemaToo: true,
            "Schema mismatch for auxiliary target column 'TrueClass': expected a key or Single, got String");
    }

    [TestMethod]
    public void Options_OutOfRange_ThrowWithTheOptionNameAndValue()
    {
        var ml = new MLContext(seed: 1);
        void Expect<T>(Action<AutoencoderMulticlassOptions> change, string message) where T : Exception
        {
            var options = Options();
            change(options);
            AssertMessage(Assert.Throws<T>(() => ml.MulticlassClassification.Trainers.Autoencoder(options)), [message]);
        }
        Expect<ArgumentOutOfRangeException>(o => o.ReconstructionWeight = -1, "'ReconstructionWeight' must be in [0, 1000]. Got -1.");
        Expect<ArgumentOutOfRangeException>(o => o.ClassificationWeight = 0, "'ClassificationWeight' must be positive unless there are auxiliary targets to train instead. Got 0.");
        Expect<ArgumentOutOfRangeException>(o => o.ClassWeights = [1, -2, 1], "'ClassWeights' must hold positive finite weights. Got -2 at index 1.");
        Expect<ArgumentOutOfRangeException>(o => o.DataMode = TrainingDataMode.Streaming, "'DataMode' must be Auto or InMemory");
        Expect<ArgumentOutOfRangeException>(o => o.TreatNaNAsMissing = true, "'TreatNaNAsMissing' is not supported");
        Expect<ArgumentException>(o => o.FreezeEncoder = true, "'FreezeEncoder' needs 'PretrainedAutoencoder'");
        Expect<ArgumentException>(o => o.ScoreColumnName = "Latent", "'Latent' is used twice");
        Expect<ArgumentOutOfRangeException>(o => o.HeadHiddenLayers = [0], "'HeadHiddenLayers' must hold layer sizes from 1");
    }

    [TestMethod]
    public void Fit_ClassWeightsOfWrongLength_ThrowsWithTheClassCount()
    {
        var ml = new MLContext(seed: 1);
        var data = LabelledBlobs.Load(ml, LabelledBlobs.Rows(30, 1));
        var options = Options();
        options.ClassWeights = [1, 2];
        AssertFitFails<ArgumentOutOfRangeException>(ml, data, options, schemaToo: false, "label column 'Label' has 3 classes. Got 2 weights.");
    }
}
