using Microsoft.ML;
using MLNet.Autoencoders.Estimators.Clustering;
using MLNet.Autoencoders.Tests.TestData;

namespace MLNet.Autoencoders.Tests.Clustering;

/// <summary>Bad options and bad input get messages naming the option or column, the rule and the value.</summary>
[TestClass]
public sealed class AutoencoderClusteringValidationTests
{
    private static T ThrowsWithMessage<T>(Action action, params string[] fragments) where T : Exception
    {
        var exception = Assert.Throws<T>(action);
        foreach (var fragment in fragments)
            Assert.Contains(fragment, exception.Message);
        return exception;
    }

    private static AutoencoderClusteringOptions With(Action<AutoencoderClusteringOptions> change)
    {
        var options = ClusteringTestOptions.Small();
        change(options);
        return options;
    }

    [TestMethod]
    [DataRow(1, "'NumberOfClusters' must be at least 2", "Got 1.")]
    [DataRow(0, "'NumberOfClusters' must be at least 2", "Got 0.")]
    public void Create_TooFewClusters_ThrowsNamingTheOption(int clusters, string rule, string got) =>
        ThrowsWithMessage<ArgumentOutOfRangeException>(
            () => new MLContext().Clustering.Trainers.Autoencoder(numberOfClusters: clusters), rule, got);

    [TestMethod]
    public void Create_NegativeClusteringWeight_ThrowsNamingTheOption() =>
        ThrowsWithMessage<ArgumentOutOfRangeException>(
            () => new MLContext().Clustering.Trainers.Autoencoder(clusteringWeight: -0.5f), "'ClusteringWeight' must be zero or a positive finite number", "Got -0.5.");

    [TestMethod]
    public void Create_BadOptions_ThrowNamingTheOption()
    {
        var ml = new MLContext();
        ThrowsWithMessage<ArgumentOutOfRangeException>(() => ml.Clustering.Trainers.Autoencoder(With(o => o.Tolerance = 1)), "'Tolerance' must be in [0, 1)", "Got 1.");
        ThrowsWithMessage<ArgumentOutOfRangeException>(() => ml.Clustering.Trainers.Autoencoder(With(o => o.TargetUpdateInterval = 0)), "'TargetUpdateInterval' must be positive. Got 0.");
        ThrowsWithMessage<ArgumentOutOfRangeException>(() => ml.Clustering.Trainers.Autoencoder(With(o => o.ClusteringEpochs = -1)), "'ClusteringEpochs' must be zero", "Got -1.");
        ThrowsWithMessage<ArgumentOutOfRangeException>(() => ml.Clustering.Trainers.Autoencoder(With(o => o.BatchSize = 0)), "'BatchSize' must be positive. Got 0.");
        ThrowsWithMessage<ArgumentOutOfRangeException>(() => ml.Clustering.Trainers.Autoencoder(With(o => o.LatentDimension = 0)), "'LatentDimension' must be positive. Got 0.");
        ThrowsWithMessage<ArgumentException>(() => ml.Clustering.Trainers.Autoencoder(With(o => o.LatentColumnName = "Score")), "The output column names must differ");
    }

    [TestMethod]
    public void Fit_MoreClustersThanRows_ThrowsWithTheRowCount()
    {
        var ml = new MLContext(seed: 1);
        var data = ClusteredBlobs.Load(ml, rowsPerCluster: 2, clusters: 3);
        ThrowsWithMessage<ArgumentOutOfRangeException>(
            () => ml.Clustering.Trainers.Autoencoder(With(o => o.NumberOfClusters = 7)).Fit(data),
            "'NumberOfClusters' must be at most the number of training rows (6). Got 7.");
    }

    [TestMethod]
    public void FitAndGetOutputSchema_MissingColumn_ThrowNamingTheColumn()
    {
        var ml = new MLContext(seed: 1);
        var data = ClusteredBlobs.Load(ml, rowsPerCluster: 5);
        var estimator = ml.Clustering.Trainers.Autoencoder(With(o => o.FeatureColumnName = "Measurements"));
        ThrowsWithMessage<ArgumentOutOfRangeException>(() => estimator.Fit(data), "Could not find input column 'Measurements'");
        ThrowsWithMessage<ArgumentOutOfRangeException>(() => estimator.GetOutputSchema(SchemaShapes.Of(data.Schema)), "Could not find input column 'Measurements'");
    }

    [TestMethod]
    public void FitAndGetOutputSchema_ScalarColumn_ThrowSchemaMismatch()
    {
        var ml = new MLContext(seed: 1);
        var data = ClusteredBlobs.Load(ml, rowsPerCluster: 5);
        var estimator = ml.Clustering.Trainers.Autoencoder(With(o => o.FeatureColumnName = "Label"));
        ThrowsWithMessage<ArgumentOutOfRangeException>(() => estimator.Fit(data), "Schema mismatch for input column 'Label': expected known-size vector of Single, got Single");
        ThrowsWithMessage<ArgumentOutOfRangeException>(() => estimator.GetOutputSchema(SchemaShapes.Of(data.Schema)), "Schema mismatch for input column 'Label': expected known-size vector of Single, got Single");
    }

    [TestMethod]
    public void Fit_NaNInFeatures_ThrowsNamingColumnAndRow()
    {
        var ml = new MLContext(seed: 1);
        var rows = ClusteredBlobs.Rows(5, 3, seed: 7);
        rows[4].Features[2] = float.NaN;
        ThrowsWithMessage<ArgumentOutOfRangeException>(
            () => ml.Clustering.Trainers.Autoencoder(ClusteringTestOptions.Small()).Fit(ml.Data.LoadFromEnumerable(rows)), "'Features'", "NaN");
    }

    [TestMethod]
    public void Transform_WrongFeatureCount_ThrowsWithBothSizes()
    {
        var ml = new MLContext(seed: 1);
        using var model = ml.Clustering.Trainers.Autoencoder(With(o => { o.PretrainingEpochs = 1; o.ClusteringEpochs = 1; }))
            .Fit(ClusteredBlobs.Load(ml, rowsPerCluster: 10));
        var narrow = ml.Data.LoadFromEnumerable(new[] { new NarrowRow(), new NarrowRow() });
        ThrowsWithMessage<ArgumentOutOfRangeException>(() => model.Transform(narrow), "Schema mismatch for input column 'Features'", "The data has 4 features, but the model was trained on 8.");
    }

    private sealed class NarrowRow
    {
        [Microsoft.ML.Data.VectorType(4)]
        public float[] Features { get; set; } = [1, 2, 3, 4];
    }
}
