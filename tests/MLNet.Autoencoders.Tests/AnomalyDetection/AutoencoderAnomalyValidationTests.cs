using Microsoft.ML;
using Microsoft.ML.Data;
using MLNet.Autoencoders.Estimators.AnomalyDetection;
using MLNet.Autoencoders.Tests.TestData;

namespace MLNet.Autoencoders.Tests.AnomalyDetection;

/// <summary>Bad input gets the dense estimator's messages: the column or option, the rule and the value.</summary>
[TestClass]
public sealed class AutoencoderAnomalyValidationTests
{
    private static AutoencoderAnomalyOptions Quick() => new() { EnsembleSize = 1, Epochs = 2, Seed = 1, NumberOfThreads = 1 };

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
        ThrowsWithMessage<ArgumentOutOfRangeException>(
            () => ml.AnomalyDetection.Trainers.Autoencoder(featureColumnName: "Sensors").Fit(PlantedOutlierData.Load(ml, 10, 0)),
            "Could not find input column 'Sensors'");
    }

    [TestMethod]
    public void GetOutputSchema_MissingColumn_ThrowsNamingTheColumn()
    {
        var ml = new MLContext(seed: 1);
        var schema = SchemaShapes.Of(PlantedOutlierData.Load(ml, 10, 0).Schema);
        ThrowsWithMessage<ArgumentOutOfRangeException>(
            () => ml.AnomalyDetection.Trainers.Autoencoder(featureColumnName: "Sensors").GetOutputSchema(schema),
            "Could not find input column 'Sensors'");
    }

    [TestMethod]
    public void Fit_ScalarColumn_ThrowsSchemaMismatch()
    {
        var ml = new MLContext(seed: 1);
        var data = ml.Data.LoadFromEnumerable(new[] { new ScalarRow { Features = 1 } });
        ThrowsWithMessage<ArgumentOutOfRangeException>(() => ml.AnomalyDetection.Trainers.Autoencoder(Quick()).Fit(data),
            "Schema mismatch for input column 'Features'", "expected known-size vector of Single", "got Single");
    }

    [TestMethod]
    public void Transform_VectorOfOtherSize_ThrowsWithBothSizes()
    {
        var ml = new MLContext(seed: 1);
        using var detector = ml.AnomalyDetection.Trainers.Autoencoder(Quick()).Fit(PlantedOutlierData.Load(ml, 20, 0));
        var other = ml.Data.LoadFromEnumerable(new[] { new FourFeatureRow { Features = [1, 2, 3, 4] } });
        ThrowsWithMessage<ArgumentOutOfRangeException>(() => detector.Transform(other),
            "The data has 4 features, but the model was trained on 6");
    }

    [TestMethod]
    public void Fit_NaNInTrainingData_ThrowsNamingColumnRowAndFeature()
    {
        var ml = new MLContext(seed: 1);
        var rows = PlantedOutlierData.Rows(20, 0);
        rows[13].Features[4] = float.NaN;
        var exception = ThrowsWithMessage<ArgumentOutOfRangeException>(() => ml.AnomalyDetection.Trainers.Autoencoder(Quick()).Fit(ml.Data.LoadFromEnumerable(rows)),
            "Column 'Features' has NaN in row 13, feature 4", "Replace missing values first");
        Assert.DoesNotContain("TreatNaNAsMissing", exception.Message, "the detector has no such option to suggest");
    }

    [TestMethod]
    public void Fit_NoRows_ThrowsNamingTheColumn()
    {
        var ml = new MLContext(seed: 1);
        ThrowsWithMessage<ArgumentException>(() => ml.AnomalyDetection.Trainers.Autoencoder(Quick()).Fit(PlantedOutlierData.Load(ml, 0, 0)),
            "column 'Features'", "no rows");
    }

    [TestMethod]
    [DataRow(nameof(AutoencoderAnomalyOptions.Contamination), "'Contamination' must be in [0, 0.5]. Got 0.7.")]
    [DataRow(nameof(AutoencoderAnomalyOptions.EnsembleSize), "'EnsembleSize' must be positive. Got 0.")]
    [DataRow(nameof(AutoencoderAnomalyOptions.Threshold), "'Threshold' must be a finite number when set. Got NaN.")]
    [DataRow(nameof(AutoencoderAnomalyOptions.LatentDimension), "'LatentDimension' must be positive. Got -1.")]
    [DataRow(nameof(AutoencoderAnomalyOptions.HiddenLayers), "'HiddenLayers' must hold layer sizes from 1 to 16777216. Got 0 at index 1.")]
    [DataRow(nameof(AutoencoderAnomalyOptions.LearningRate), "'LearningRate' must be a positive finite number. Got 0.")]
    [DataRow(nameof(AutoencoderAnomalyOptions.ValidationFraction), "'ValidationFraction' must be in [0, 1). Got 1.")]
    [DataRow(nameof(AutoencoderAnomalyOptions.NumberOfNeighbors), "'NumberOfNeighbors' must be zero (reconstruction error alone) or positive. Got -1.")]
    [DataRow(nameof(AutoencoderAnomalyOptions.NeighborSampleSize), "'NeighborSampleSize' must be in [5, 16384] (at least NumberOfNeighbors, 5). Got 4.")]
    public void Options_OutOfRange_ThrowNamingOptionRuleAndValue(string option, string message)
    {
        var options = Quick();
        switch (option)
        {
            case nameof(AutoencoderAnomalyOptions.Contamination): options.Contamination = 0.7; break;
            case nameof(AutoencoderAnomalyOptions.EnsembleSize): options.EnsembleSize = 0; break;
            case nameof(AutoencoderAnomalyOptions.Threshold): options.Threshold = float.NaN; break;
            case nameof(AutoencoderAnomalyOptions.LatentDimension): options.LatentDimension = -1; break;
            case nameof(AutoencoderAnomalyOptions.HiddenLayers): options.HiddenLayers = [8, 0]; break;
            case nameof(AutoencoderAnomalyOptions.LearningRate): options.LearningRate = 0; break;
            case nameof(AutoencoderAnomalyOptions.ValidationFraction): options.ValidationFraction = 1; break;
            case nameof(AutoencoderAnomalyOptions.NumberOfNeighbors): options.NumberOfNeighbors = -1; break;
            case nameof(AutoencoderAnomalyOptions.NeighborSampleSize): options.NeighborSampleSize = 4; break;
        }
        var exception = ThrowsWithMessage<ArgumentOutOfRangeException>(() => new MLContext().AnomalyDetection.Trainers.Autoencoder(options), message);
        Assert.AreEqual(option, exception.ParamName);
    }

    [TestMethod]
    public void Options_EnsembleLargerThanAModelFileHolds_ThrowsWithTheLimit()
    {
        var options = Quick();
        options.EnsembleSize = AutoencoderAnomalyDefaults.MaxEnsembleSize + 1;

        var exception = ThrowsWithMessage<ArgumentOutOfRangeException>(() => new MLContext().AnomalyDetection.Trainers.Autoencoder(options),
            "'EnsembleSize' must be at most 1024, the most networks a saved detector holds. Got 1025.");
        Assert.AreEqual(nameof(AutoencoderAnomalyOptions.EnsembleSize), exception.ParamName);
    }

    [TestMethod]
    public void Fit_LargestEnsembleAccepted_SavesAndLoads()
    {
        var ml = new MLContext(seed: 1);
        var data = PlantedOutlierData.Load(ml, 4, 0);
        var options = Quick();
        options.EnsembleSize = AutoencoderAnomalyDefaults.MaxEnsembleSize;
        options.HiddenLayers = [];
        options.Epochs = 1;
        using var detector = ml.AnomalyDetection.Trainers.Autoencoder(options).Fit(data);
        using var directory = new Persistence.TempDirectory();
        string path = directory.File("largest.zip");
        ml.Model.Save(detector, data.Schema, path);

        using var loaded = (MLNet.Autoencoders.Transforms.AnomalyDetection.AutoencoderAnomalyTransformer)new MLContext().Model.Load(path, out _);

        Assert.AreEqual(AutoencoderAnomalyDefaults.MaxEnsembleSize, loaded.EnsembleSize);
    }

    [TestMethod]
    public void SimpleOverload_ContaminationOutOfRange_Throws()
    {
        ThrowsWithMessage<ArgumentOutOfRangeException>(() => new MLContext().AnomalyDetection.Trainers.Autoencoder(contamination: -0.1),
            "'Contamination' must be in [0, 0.5]. Got -0.1.");
    }

    [TestMethod]
    public void Options_SameOutputNames_Throw()
    {
        var options = Quick();
        options.FeatureErrorsColumnName = "Score";
        ThrowsWithMessage<ArgumentException>(() => new MLContext().AnomalyDetection.Trainers.Autoencoder(options),
            "The output column names must differ");
    }

    [TestMethod]
    public void Options_EmptyScoreColumnName_Throws()
    {
        var options = Quick();
        options.ScoreColumnName = " ";
        ThrowsWithMessage<ArgumentException>(() => new MLContext().AnomalyDetection.Trainers.Autoencoder(options), "'ScoreColumnName' must name a column");
    }

    [TestMethod]
    public void Options_Null_ThrowsArgumentNull()
    {
        Assert.Throws<ArgumentNullException>(() => new MLContext().AnomalyDetection.Trainers.Autoencoder((AutoencoderAnomalyOptions)null!));
    }

    private sealed class ScalarRow
    {
        public float Features { get; set; }
    }

    private sealed class FourFeatureRow
    {
        [VectorType(4)]
        public float[] Features { get; set; } = [];
    }
}
