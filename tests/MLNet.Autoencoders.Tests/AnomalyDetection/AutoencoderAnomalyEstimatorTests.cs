using Microsoft.ML;
using Microsoft.ML.Data;
using MLNet.Autoencoders.Estimators.AnomalyDetection;
using MLNet.Autoencoders.Tests.TestData;
using MLNet.Autoencoders.Transforms.Networks;

namespace MLNet.Autoencoders.Tests.AnomalyDetection;

[TestClass]
public sealed class AutoencoderAnomalyEstimatorTests
{
    [TestMethod]
    public void Fit_OnPlantedOutliers_AucClearsFloorAndBeatsRandomizedPca()
    {
        var ml = new MLContext(seed: 1);
        var data = PlantedOutlierData.Load(ml, inliers: 300, outliers: 15);

        var options = AnomalyTestOptions.Small(ensembleSize: 3);
        options.Epochs = 200;
        using var detector = ml.AnomalyDetection.Trainers.Autoencoder(options).Fit(data);
        double autoencoderAuc = ml.AnomalyDetection.Evaluate(detector.Transform(data)).AreaUnderRocCurve;
        // Same data, same standardization, PCA of the manifold's true dimension (wider than the detector's 1-D code).
        var pca = ml.Transforms.NormalizeMeanVariance("Features", fixZero: false)
            .Append(ml.AnomalyDetection.Trainers.RandomizedPca(rank: 2, seed: 1))
            .Fit(data);
        double pcaAuc = ml.AnomalyDetection.Evaluate(pca.Transform(data)).AreaUnderRocCurve;

        Assert.IsGreaterThan(0.9, autoencoderAuc, $"autoencoder AUC {autoencoderAuc:F3}");
        Assert.IsGreaterThan(pcaAuc + 0.05, autoencoderAuc, $"autoencoder AUC {autoencoderAuc:F3}, RandomizedPca AUC {pcaAuc:F3}");
    }

    [TestMethod]
    public void Fit_Contamination10Percent_FlagsTenPercentOfTrainingRows()
    {
        var ml = new MLContext(seed: 1);
        var data = PlantedOutlierData.Load(ml, inliers: 190, outliers: 10);
        var options = AnomalyTestOptions.Small();
        options.Contamination = 0.1;
        using var detector = ml.AnomalyDetection.Trainers.Autoencoder(options).Fit(data);

        var scored = detector.Transform(data);
        var flags = scored.GetColumn<bool>("PredictedLabel").ToArray();
        var scores = Columns.Floats(scored, "Score");

        Assert.AreEqual(20, flags.Count(f => f), 1);
        // The flagged rows are exactly the highest-scoring ones.
        Assert.IsGreaterThan(scores.Where((_, i) => !flags[i]).Max(), scores.Where((_, i) => flags[i]).Min());
        Assert.AreEqual(scores.Count(s => s > detector.Threshold), flags.Count(f => f));
    }

    [TestMethod]
    public void Fit_ZeroContamination_FlagsNoTrainingRow()
    {
        var ml = new MLContext(seed: 1);
        var data = PlantedOutlierData.Load(ml, inliers: 90, outliers: 10);
        var options = AnomalyTestOptions.Small();
        options.Contamination = 0;
        using var detector = ml.AnomalyDetection.Trainers.Autoencoder(options).Fit(data);

        Assert.IsFalse(detector.Transform(data).GetColumn<bool>("PredictedLabel").Any(f => f));
        Assert.AreEqual(Columns.Floats(detector.Transform(data), "Score").Max(), detector.Threshold);
    }

    [TestMethod]
    public void Fit_ExplicitThreshold_IsUsedInsteadOfContamination()
    {
        var ml = new MLContext(seed: 1);
        var data = PlantedOutlierData.Load(ml, inliers: 90, outliers: 10);
        var options = AnomalyTestOptions.Small();
        options.Threshold = 0.25f;
        options.Contamination = 0.5;
        using var detector = ml.AnomalyDetection.Trainers.Autoencoder(options).Fit(data);

        var scored = detector.Transform(data);
        var scores = Columns.Floats(scored, "Score");
        var flags = scored.GetColumn<bool>("PredictedLabel").ToArray();
        Assert.AreEqual(0.25f, detector.Threshold);
        for (int i = 0; i < scores.Length; i++)
            Assert.AreEqual(scores[i] > 0.25f, flags[i], $"row {i}: score {scores[i]}");
    }

    [TestMethod]
    public void FeatureErrors_HaveInputSizeAndSlotNames_AndWithoutNeighborsAverageToTheScore()
    {
        var ml = new MLContext(seed: 1);
        var columns = ThreeColumnData(ml);
        var data = ml.Transforms.Concatenate("Features", "A", "B", "C").Fit(columns).Transform(columns);
        var options = AnomalyTestOptions.Small();
        options.FeatureErrorsColumnName = "FeatureErrors";
        options.NumberOfNeighbors = 0;
        using var detector = ml.AnomalyDetection.Trainers.Autoencoder(options).Fit(data);

        var scored = detector.Transform(data);
        var column = scored.Schema["FeatureErrors"];
        Assert.AreEqual(new VectorDataViewType(NumberDataViewType.Single, 3), column.Type);
        VBuffer<ReadOnlyMemory<char>> slotNames = default;
        column.GetSlotNames(ref slotNames);
        CollectionAssert.AreEqual(new[] { "A", "B", "C" }, slotNames.DenseValues().Select(n => n.ToString()).ToArray());

        var errors = Columns.Vectors(scored, "FeatureErrors");
        var scores = Columns.Floats(scored, "Score");
        for (int i = 0; i < scores.Length; i++)
        {
            Assert.IsTrue(errors[i].All(e => e >= 0), $"row {i}");
            Assert.AreEqual(errors[i].Average(), scores[i], 1e-5 + 1e-5 * scores[i], $"row {i}");
        }
    }

    [TestMethod]
    public void FeatureErrors_OfPlantedOutliers_PeakOnThePerturbedFeature()
    {
        var ml = new MLContext(seed: 1);
        var rows = PlantedOutlierData.Rows(inliers: 300, outliers: 12);
        var data = ml.Data.LoadFromEnumerable(rows);
        var options = AnomalyTestOptions.Small(ensembleSize: 3);
        options.Epochs = 200;
        options.FeatureErrorsColumnName = "FeatureErrors";
        using var detector = ml.AnomalyDetection.Trainers.Autoencoder(options).Fit(data);

        var errors = Columns.Vectors(detector.Transform(data), "FeatureErrors");
        var outliers = Enumerable.Range(0, rows.Length).Where(i => rows[i].PerturbedFeature >= 0).ToArray();
        int hits = outliers.Count(i => Array.IndexOf(errors[i], errors[i].Max()) == rows[i].PerturbedFeature);

        // A feature tied to others by the surface can pull its neighbours' errors up too; most outliers must still point at the moved feature.
        Assert.IsGreaterThanOrEqualTo(outliers.Length * 3 / 4, hits, $"{hits} of {outliers.Length} outliers peak on their perturbed feature");
    }

    [TestMethod]
    public void Evaluate_AcceptsTheOutput_WithFloatLabel()
    {
        var ml = new MLContext(seed: 1);
        var data = PlantedOutlierData.Load(ml, inliers: 190, outliers: 10);
        using var detector = ml.AnomalyDetection.Trainers.Autoencoder(AnomalyTestOptions.Small()).Fit(data);

        var metrics = ml.AnomalyDetection.Evaluate(detector.Transform(data), falsePositiveCount: 5);

        Assert.IsGreaterThan(0.5, metrics.AreaUnderRocCurve);
        Assert.IsTrue(metrics.DetectionRateAtFalsePositiveCount is >= 0 and <= 1, $"{metrics.DetectionRateAtFalsePositiveCount}");
    }

    [TestMethod]
    public void Evaluate_AcceptsTheOutput_WithBoolLabelConvertedToSingle()
    {
        var ml = new MLContext(seed: 1);
        var rows = PlantedOutlierData.Rows(inliers: 90, outliers: 10).Select(r => new BoolLabelRow { Features = r.Features, Label = r.Label > 0 });
        var data = ml.Data.LoadFromEnumerable(rows);
        var pipeline = ml.Transforms.Conversion.ConvertType("Label", outputKind: DataKind.Single)
            .Append(ml.AnomalyDetection.Trainers.Autoencoder(AnomalyTestOptions.Small()));
        using var model = pipeline.Fit(data);

        var metrics = ml.AnomalyDetection.Evaluate(model.Transform(data));

        Assert.IsGreaterThan(0.5, metrics.AreaUnderRocCurve);
    }

    [TestMethod]
    public void Fit_SameSeed_GivesBitIdenticalScores()
    {
        var ml = new MLContext();
        var data = PlantedOutlierData.Load(ml, inliers: 90, outliers: 10);
        using var first = ml.AnomalyDetection.Trainers.Autoencoder(AnomalyTestOptions.Small(seed: 5)).Fit(data);
        using var second = ml.AnomalyDetection.Trainers.Autoencoder(AnomalyTestOptions.Small(seed: 5)).Fit(data);

        CollectionAssert.AreEqual(Columns.Floats(first.Transform(data), "Score"), Columns.Floats(second.Transform(data), "Score"));
        Assert.AreEqual(first.Threshold, second.Threshold);
    }

    [TestMethod]
    public void Fit_TrainsEnsembleSizeNetworks_WithTheirOwnHistories()
    {
        var ml = new MLContext(seed: 1);
        using var detector = ml.AnomalyDetection.Trainers.Autoencoder(AnomalyTestOptions.Small(ensembleSize: 3)).Fit(PlantedOutlierData.Load(ml, 90, 10));

        Assert.AreEqual(3, detector.EnsembleSize);
        Assert.HasCount(3, detector.LossHistories);
        Assert.IsTrue(detector.LossHistories.All(h => h.Count > 0 && h[^1].TrainingLoss < h[0].TrainingLoss));
        // Different seeds: the networks' training differs.
        Assert.AreNotEqual(detector.LossHistories[0][0].TrainingLoss, detector.LossHistories[1][0].TrainingLoss);
    }

    [TestMethod]
    public void Fit_EpochCompleted_ReportsEveryEpochOfEveryNetworkAsItsHistoryKeepsIt()
    {
        var ml = new MLContext(seed: 1);
        var reported = new System.Collections.Concurrent.ConcurrentQueue<AnomalyEpochLoss>();
        var options = AnomalyTestOptions.Small(ensembleSize: 3);
        options.Epochs = 5;
        options.EpochCompleted = reported.Enqueue;

        using var detector = ml.AnomalyDetection.Trainers.Autoencoder(options).Fit(PlantedOutlierData.Load(ml, 90, 10));

        for (int network = 1; network <= 3; network++)
            CollectionAssert.AreEqual(detector.LossHistories[network - 1].ToArray(),
                reported.Where(r => r.Network == network).Select(r => r.Loss).OrderBy(l => l.Epoch).ToArray(), $"network {network}");
        Assert.HasCount(reported.Count, reported.Where(r => r.Network is >= 1 and <= 3 && r.MaximumEpochs == 5));
    }

    [TestMethod]
    public void Fit_EpochCompleted_ReportsTheEpochLimitOfTheStepBudget()
    {
        var ml = new MLContext(seed: 1);
        var reported = new System.Collections.Concurrent.ConcurrentQueue<AnomalyEpochLoss>();
        var options = AnomalyTestOptions.Small(ensembleSize: 1);
        options.ValidationFraction = 0;
        options.BatchSize = 10;
        options.MaximumStepsPerNetwork = 20;   // 100 rows = 10 steps an epoch: 2 epochs, not 60
        options.EpochCompleted = reported.Enqueue;

        using var detector = ml.AnomalyDetection.Trainers.Autoencoder(options).Fit(PlantedOutlierData.Load(ml, 90, 10));

        Assert.HasCount(2, reported);
        Assert.IsTrue(reported.All(r => r.MaximumEpochs == 2), string.Join(", ", reported));
    }

    [TestMethod]
    public void Fit_DefaultArchitecture_AdaptsToTheFeatureCount()
    {
        var ml = new MLContext(seed: 1);
        using var detector = ml.AnomalyDetection.Trainers.Autoencoder(AnomalyTestOptions.Small(ensembleSize: 1)).Fit(PlantedOutlierData.Load(ml, 50, 5));

        Assert.AreEqual(ManifoldData.FeatureCount, detector.Architecture.InputSize);
        Assert.AreEqual(AnomalyArchitecture.DefaultLatentDimension(ManifoldData.FeatureCount), detector.Architecture.LatentDimension);
        Assert.AreEqual(1, AnomalyArchitecture.DefaultLatentDimension(8));
        Assert.AreEqual(2, AnomalyArchitecture.DefaultLatentDimension(9));
        Assert.AreEqual(2, AnomalyArchitecture.DefaultLatentDimension(13));
        Assert.AreEqual(4, AnomalyArchitecture.DefaultLatentDimension(64));
        Assert.AreEqual(8, AnomalyArchitecture.DefaultLatentDimension(256));
        Assert.AreEqual(14, AnomalyArchitecture.DefaultLatentDimension(784));
        Assert.AreEqual(1, AnomalyArchitecture.DefaultLatentDimension(1));
        CollectionAssert.AreEqual(new[] { 12 }, ((DenseArchitecture)detector.Architecture).EncoderLayers.ToArray());
    }

    [TestMethod]
    public void GetOutputSchema_AddsScorePredictedLabelAndFeatureErrors()
    {
        var ml = new MLContext(seed: 1);
        var data = PlantedOutlierData.Load(ml, 10, 0);
        var options = AnomalyTestOptions.Small();
        options.FeatureErrorsColumnName = "Errors";

        var shape = ml.AnomalyDetection.Trainers.Autoencoder(options).GetOutputSchema(SchemaShapes.Of(data.Schema));

        Assert.AreEqual(NumberDataViewType.Single, SchemaShapes.Find(shape, "Score")!.Value.ItemType);
        Assert.AreEqual(BooleanDataViewType.Instance, SchemaShapes.Find(shape, "PredictedLabel")!.Value.ItemType);
        Assert.AreEqual(SchemaShape.Column.VectorKind.Vector, SchemaShapes.Find(shape, "Errors")!.Value.Kind);
    }

    private static IDataView ThreeColumnData(MLContext ml)
    {
        var random = new Random(4);
        return ml.Data.LoadFromEnumerable(Enumerable.Range(0, 80).Select(_ =>
        {
            float t = (float)random.NextDouble();
            return new ThreeColumns { A = t, B = t * t, C = 1 - t + 0.05f * (float)random.NextDouble() };
        }).ToArray());
    }

    private sealed class ThreeColumns
    {
        public float A { get; set; }

        public float B { get; set; }

        public float C { get; set; }
    }

    private sealed class BoolLabelRow
    {
        [VectorType(ManifoldData.FeatureCount)]
        public float[] Features { get; set; } = [];

        public bool Label { get; set; }
    }
}
