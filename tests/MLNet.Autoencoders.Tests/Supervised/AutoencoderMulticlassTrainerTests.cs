using Microsoft.ML;
using Microsoft.ML.Data;
using MLNet.Autoencoders.Estimators;
using MLNet.Autoencoders.Tests.Persistence;
using MLNet.Autoencoders.Tests.TestData;
using MLNet.Autoencoders.Transforms;
using MLNet.Autoencoders.Transforms.Supervised;

namespace MLNet.Autoencoders.Tests.Supervised;

[TestClass]
public sealed class AutoencoderMulticlassTrainerTests
{
    internal static AutoencoderMulticlassOptions SmallOptions(int seed = 3) => new()
    {
        LatentDimension = 4,
        HiddenLayers = [16],
        HeadHiddenLayers = [8],
        Epochs = 15,
        BatchSize = 32,
        LearningRate = 0.01f,
        ValidationFraction = 0,
        Seed = seed,
    };

    [TestMethod]
    public void Fit_OnSeparableClassesWithTenPercentLabels_EvaluateGivesHighAccuracy()
    {
        var ml = new MLContext(seed: 1);
        var data = LabelledBlobs.Load(ml, LabelledBlobs.Rows(300, labelledFraction: 0.1));
        using var model = ml.MulticlassClassification.Trainers.Autoencoder(SmallOptions()).Fit(data);

        var metrics = ml.MulticlassClassification.Evaluate(model.Transform(data), labelColumnName: "TrueLabel");
        Assert.IsGreaterThan(0.9, metrics.MicroAccuracy, $"micro accuracy {metrics.MicroAccuracy}");
        Assert.AreEqual(3, metrics.ConfusionMatrix.NumberOfClasses);

        // Evaluated against the partly missing training label, the unlabelled rows (key 0) are skipped.
        var scored = model.Transform(data);
        var onLabel = ml.MulticlassClassification.Evaluate(scored);
        var labelledOnly = ml.Data.FilterRowsByMissingValues(scored, "Label");
        Assert.IsLessThan(300, (int)labelledOnly.GetColumn<uint>("Label").Count());
        Assert.AreEqual(ml.MulticlassClassification.Evaluate(labelledOnly).MicroAccuracy, onLabel.MicroAccuracy, 1e-12);
        Assert.AreEqual(labelledOnly.GetColumn<uint>("Label").Count(), (int)onLabel.ConfusionMatrix.Counts.Sum(row => row.Sum()));
    }

    [TestMethod]
    public void Transform_OutputFollowsTheMulticlassContract_MapKeyToValueGivesClassNames()
    {
        var ml = new MLContext(seed: 1);
        var data = LabelledBlobs.Load(ml, LabelledBlobs.Rows(150, labelledFraction: 0.5));
        using var model = ml.MulticlassClassification.Trainers.Autoencoder(SmallOptions()).Fit(data);
        var scored = model.Transform(data);

        var score = scored.Schema["Score"];
        VBuffer<ReadOnlyMemory<char>> slotNames = default;
        score.GetSlotNames(ref slotNames);
        CollectionAssert.AreEqual(LabelledBlobs.ClassNames, slotNames.DenseValues().Select(n => n.ToString()).ToArray());
        Assert.AreEqual(new KeyDataViewType(typeof(uint), 3), scored.Schema["PredictedLabel"].Type);
        Assert.AreEqual(4, ((VectorDataViewType)scored.Schema["Latent"].Type).Size);

        var names = ml.Transforms.Conversion.MapKeyToValue("PredictedName", "PredictedLabel").Fit(scored).Transform(scored);
        var predicted = names.GetColumn<ReadOnlyMemory<char>>("PredictedName").Select(n => n.ToString()).ToArray();
        var truth = names.GetColumn<string>(nameof(BlobRow.TrueClass)).ToArray();
        Assert.IsGreaterThan(0.9, predicted.Zip(truth).Count(p => p.First == p.Second) / (double)truth.Length);
        foreach (var probabilities in Columns.Vectors(scored, "Score"))
            Assert.AreEqual(1.0, probabilities.Sum(), 1e-4);
    }

    [TestMethod]
    public void Fit_WithoutReconstruction_UnlabelledRowsChangeNothing_BitIdenticalClassifier()
    {
        // With the reconstruction term off, only the masked cross-entropy trains: rows whose label was removed must not
        // reach it at all. Moving those rows' features elsewhere (as if their hidden class were another) changes nothing.
        var ml = new MLContext(seed: 1);
        var rows = LabelledBlobs.Rows(200, labelledFraction: 0.3);
        var moved = rows.Select(r => new BlobRow
        {
            Features = r.Class == "" ? r.Features.Select(v => -3 * v + 1).ToArray() : r.Features,
            Class = r.Class,
            TrueClass = r.TrueClass,
        }).ToArray();
        var options = SmallOptions();
        options.ReconstructionWeight = 0;
        options.Scaling = InputScaling.None;
        options.ValidationFraction = 0.2f;
        options.EarlyStoppingPatience = 0;

        var probe = LabelledBlobs.Load(ml, LabelledBlobs.Rows(60, 1, seed: 99));
        using var original = ml.MulticlassClassification.Trainers.Autoencoder(options).Fit(LabelledBlobs.Load(ml, rows));
        using var changed = ml.MulticlassClassification.Trainers.Autoencoder(options).Fit(LabelledBlobs.Load(ml, moved));

        var first = Columns.Vectors(original.Transform(probe), "Score").SelectMany(v => v).ToArray();
        var second = Columns.Vectors(changed.Transform(probe), "Score").SelectMany(v => v).ToArray();
        CollectionAssert.AreEqual(first, second);
        CollectionAssert.AreEqual(original.LossHistory.Select(e => e.ValidationLoss).ToArray(), changed.LossHistory.Select(e => e.ValidationLoss).ToArray());
        // The control: the same change to labelled rows does change the model.
        var movedLabelled = rows.Select(r => new BlobRow { Features = r.Class != "" ? r.Features.Select(v => -3 * v + 1).ToArray() : r.Features, Class = r.Class, TrueClass = r.TrueClass }).ToArray();
        using var control = ml.MulticlassClassification.Trainers.Autoencoder(options).Fit(LabelledBlobs.Load(ml, movedLabelled));
        CollectionAssert.AreNotEqual(first, Columns.Vectors(control.Transform(probe), "Score").SelectMany(v => v).ToArray());
    }

    [TestMethod]
    public void Fit_WithImageShape_TrainsAConvolutionalNetwork()
    {
        var ml = new MLContext(seed: 1);
        var blobs = LabelledBlobs.Load(ml, LabelledBlobs.Rows(150, labelledFraction: 0.3));
        // An 8 x 8 "image": the 8 features repeated on every row.
        var data = ml.Transforms.Concatenate("Image", Enumerable.Repeat("Features", 8).ToArray()).Fit(blobs).Transform(blobs);
        var options = SmallOptions();
        options.InputColumnName = "Image";
        options.ImageShape = new MLNet.Autoencoders.Transforms.Networks.ImageShape(1, 8, 8);
        options.Channels = [4];
        options.Scaling = InputScaling.GlobalMinMax;
        options.Epochs = 30;
        using var model = ml.MulticlassClassification.Trainers.Autoencoder(options).Fit(data);

        Assert.IsInstanceOfType<MLNet.Autoencoders.Transforms.Networks.ConvolutionalArchitecture>(model.Architecture);
        Assert.IsGreaterThan(0.8, ml.MulticlassClassification.Evaluate(model.Transform(data), "TrueLabel").MicroAccuracy);
    }

    [TestMethod]
    public void Fit_SameSeedOneOrTwoThreads_GivesBitIdenticalScores()
    {
        var ml = new MLContext(seed: 1);
        var data = LabelledBlobs.Load(ml, LabelledBlobs.Rows(150, 0.3));
        var options = SmallOptions();
        options.AuxiliaryTargets.Add(new AuxiliaryTarget { ColumnName = nameof(BlobRow.Offset) });
        options.NumberOfThreads = 1;
        using var one = ml.MulticlassClassification.Trainers.Autoencoder(options).Fit(data);
        options.NumberOfThreads = 2;
        using var two = ml.MulticlassClassification.Trainers.Autoencoder(options).Fit(data);

        CollectionAssert.AreEqual(Columns.Vectors(one.Transform(data), "Score").SelectMany(v => v).ToArray(), Columns.Vectors(two.Transform(data), "Score").SelectMany(v => v).ToArray());
        CollectionAssert.AreEqual(Columns.Floats(one.Transform(data), "OffsetScore"), Columns.Floats(two.Transform(data), "OffsetScore"));
    }

    [TestMethod]
    public void Fit_ReportsReconstructionAndClassificationTermsEveryEpoch()
    {
        var ml = new MLContext(seed: 1);
        var epochs = new List<EpochLoss>();
        var options = SmallOptions();
        options.Epochs = 4;
        options.ValidationFraction = 0.2f;
        options.EpochCompleted = epochs.Add;
        using var model = ml.MulticlassClassification.Trainers.Autoencoder(options).Fit(LabelledBlobs.Load(ml, LabelledBlobs.Rows(150, 0.5)));

        Assert.HasCount(4, epochs);
        foreach (var epoch in epochs)
        {
            CollectionAssert.AreEquivalent(new[] { "classification", "reconstruction" }, epoch.TrainingTerms.Keys.ToArray());
            Assert.IsNotNull(epoch.ValidationLoss);
        }
        Assert.IsLessThan(epochs[0].TrainingTerms["classification"], epochs[^1].TrainingTerms["classification"]);
    }

    [TestMethod]
    public void SaveAndLoad_GivesIdenticalOutputsAndKeepsTheClasses()
    {
        var ml = new MLContext(seed: 1);
        var data = LabelledBlobs.Load(ml, LabelledBlobs.Rows(120, 0.5));
        using var model = ml.MulticlassClassification.Trainers.Autoencoder(SmallOptions()).Fit(data);
        using var directory = new TempDirectory();
        string path = RoundTrip.Save(ml, model, data.Schema, directory, "multiclass.zip");

        string before = DataViewDumpOf(model.Transform(data));
        RoundTrip.WithLoaded(path, (loaded, _) =>
        {
            var transformer = RoundTrip.Find<AutoencoderMulticlassTransformer>(loaded);
            CollectionAssert.AreEqual(LabelledBlobs.ClassNames, transformer.Classes.Names.ToArray());
            Assert.AreEqual(before, DataViewDumpOf(loaded.Transform(data)));
            return 0;
        });
    }

    [TestMethod]
    public void PredictionEngine_GivesTheBatchedScores()
    {
        var ml = new MLContext(seed: 1);
        var rows = LabelledBlobs.Rows(90, 0.5);
        var data = LabelledBlobs.Load(ml, rows);
        using var model = ml.MulticlassClassification.Trainers.Autoencoder(SmallOptions()).Fit(data);
        var batched = Columns.Vectors(model.Transform(data), "Score");

        using var engine = ml.Model.CreatePredictionEngine<FeatureOnly, ScoreOnly>(model);
        for (int i = 0; i < 5; i++)
        {
            var single = engine.Predict(new FeatureOnly { Features = rows[i].Features }).Score;
            for (int k = 0; k < single.Length; k++)
                Assert.AreEqual(batched[i][k], single[k], 1e-5, $"row {i}, class {k}");
        }
    }

    [TestMethod]
    public void Fit_FromPretrainedAutoencoder_FrozenEncoderKeepsItsCodes()
    {
        var ml = new MLContext(seed: 1);
        var data = LabelledBlobs.Load(ml, LabelledBlobs.Rows(150, 0.2));
        using var pretrained = ml.Transforms.Autoencoder(new AutoencoderOptions { LatentDimension = 4, HiddenLayers = [16], Epochs = 30, LearningRate = 0.01f, Seed = 2 }).Fit(data);
        var options = SmallOptions();
        options.PretrainedAutoencoder = pretrained;
        options.FreezeEncoder = true;
        options.Epochs = 30;
        using var frozen = ml.MulticlassClassification.Trainers.Autoencoder(options).Fit(data);
        options.FreezeEncoder = false;
        using var tuned = ml.MulticlassClassification.Trainers.Autoencoder(options).Fit(data);

        var codes = Columns.Vectors(pretrained.Transform(data), "Latent").SelectMany(v => v).ToArray();
        CollectionAssert.AreEqual(codes, Columns.Vectors(frozen.Transform(data), "Latent").SelectMany(v => v).ToArray());
        CollectionAssert.AreNotEqual(codes, Columns.Vectors(tuned.Transform(data), "Latent").SelectMany(v => v).ToArray());
        Assert.IsGreaterThan(0.85, ml.MulticlassClassification.Evaluate(frozen.Transform(data), "TrueLabel").MicroAccuracy);
    }

    [TestMethod]
    public void Fit_WithAuxiliaryFloatAndKeyTargets_LearnsEachAndSkipsMissingValues()
    {
        var ml = new MLContext(seed: 1);
        var rows = LabelledBlobs.Rows(300, 0.5);
        for (int i = 0; i < rows.Length; i += 4)
            rows[i].Offset = float.NaN;
        var data = LabelledBlobs.Load(ml, rows);
        var options = SmallOptions();
        options.Epochs = 40;
        options.AuxiliaryTargets.Add(new AuxiliaryTarget { ColumnName = nameof(BlobRow.Offset) });
        options.AuxiliaryTargets.Add(new AuxiliaryTarget { ColumnName = "TrueLabel", ScoreColumnName = "TrueScore", PredictedLabelColumnName = "TruePredicted" });
        var epochs = new List<EpochLoss>();
        options.EpochCompleted = epochs.Add;
        using var model = ml.MulticlassClassification.Trainers.Autoencoder(options).Fit(data);
        var scored = model.Transform(data);

        CollectionAssert.AreEquivalent(new[] { "Offset", "TrueLabel", "classification", "reconstruction" }, epochs[^1].TrainingTerms.Keys.ToArray());
        var regression = ml.Regression.Evaluate(scored, labelColumnName: nameof(BlobRow.Offset), scoreColumnName: "OffsetScore");
        Assert.IsGreaterThan(0.5, regression.RSquared, $"R squared {regression.RSquared}");
        Assert.IsGreaterThan(0.9, ml.MulticlassClassification.Evaluate(scored, "TrueLabel", "TrueScore", "TruePredicted").MicroAccuracy);
    }

    private static string DataViewDumpOf(IDataView data) => MLNet.Autoencoders.ModelLoadCheck.DataViewDump.ToText(data);

    private sealed class FeatureOnly
    {
        [VectorType(LabelledBlobs.FeatureCount)]
        public float[] Features { get; set; } = [];
    }

    private sealed class ScoreOnly
    {
        public float[] Score { get; set; } = [];
    }
}
