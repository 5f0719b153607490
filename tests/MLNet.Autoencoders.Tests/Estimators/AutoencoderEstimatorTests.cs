using Microsoft.ML;
using MLNet.Autoencoders.Estimators;
using MLNet.Autoencoders.Tests.TestData;
using MLNet.Autoencoders.Transforms;

namespace MLNet.Autoencoders.Tests.Estimators;

[TestClass]
public sealed class AutoencoderEstimatorTests
{
    private static AutoencoderOptions SmallOptions(int? seed = 3) => new()
    {
        LatentDimension = 2,
        HiddenLayers = [16],
        Epochs = 40,
        BatchSize = 32,
        LearningRate = 0.01f,
        Seed = seed,
    };

    [TestMethod]
    public void Fit_OnManifoldData_TrainingLossFalls()
    {
        var ml = new MLContext(seed: 1);
        using var model = ml.Transforms.Autoencoder(SmallOptions()).Fit(ManifoldData.Load(ml, 400));

        var history = model.LossHistory;
        Assert.IsGreaterThan(5, history.Count);
        Assert.IsLessThan(history[0].TrainingLoss * 0.5, history[^1].TrainingLoss, $"first {history[0]}, last {history[^1]}");
    }

    [TestMethod]
    public void Fit_OnManifoldData_ReconstructsFarBetterThanFeatureMeans()
    {
        var ml = new MLContext(seed: 1);
        var rows = ManifoldData.Rows(400);
        var data = ml.Data.LoadFromEnumerable(rows);
        using var model = ml.Transforms.Autoencoder(SmallOptions()).Fit(data);

        double error = Columns.Floats(model.Transform(data), "ReconstructionError").Average();
        double baseline = ManifoldData.MeanBaselineError(rows);
        Assert.IsLessThan(baseline * 0.25, error, $"autoencoder {error}, mean baseline {baseline}");
    }

    [TestMethod]
    public void Fit_SameSeed_GivesBitIdenticalOutputs()
    {
        var ml = new MLContext();
        var data = ManifoldData.Load(ml, 200);
        using var first = ml.Transforms.Autoencoder(SmallOptions(seed: 5)).Fit(data);
        using var second = ml.Transforms.Autoencoder(SmallOptions(seed: 5)).Fit(data);

        CollectionAssert.AreEqual(Columns.Floats(first.Transform(data), "ReconstructionError"), Columns.Floats(second.Transform(data), "ReconstructionError"));
        CollectionAssert.AreEqual(first.LossHistory.Select(e => e.TrainingLoss).ToArray(), second.LossHistory.Select(e => e.TrainingLoss).ToArray());
    }

    [TestMethod]
    public void Fit_DifferentSeeds_GiveDifferentModels()
    {
        var ml = new MLContext();
        var data = ManifoldData.Load(ml, 200);
        using var first = ml.Transforms.Autoencoder(SmallOptions(seed: 5)).Fit(data);
        using var second = ml.Transforms.Autoencoder(SmallOptions(seed: 6)).Fit(data);

        CollectionAssert.AreNotEqual(Columns.Floats(first.Transform(data), "ReconstructionError"), Columns.Floats(second.Transform(data), "ReconstructionError"));
    }

    [TestMethod]
    public void Fit_WithoutSeed_IsDeterministicForSeededMLContext()
    {
        float[] Run()
        {
            var ml = new MLContext(seed: 42);
            var data = ManifoldData.Load(ml, 200);
            using var model = ml.Transforms.Autoencoder(SmallOptions(seed: null)).Fit(data);
            return Columns.Floats(model.Transform(data), "ReconstructionError");
        }

        CollectionAssert.AreEqual(Run(), Run());
    }

    [TestMethod]
    public void Fit_ReportsEveryEpochToCallbackAndMLContextLog()
    {
        var ml = new MLContext(seed: 1);
        var logged = new List<string>();
        ml.Log += (_, e) => { lock (logged) logged.Add(e.Message); };
        var reported = new List<EpochLoss>();
        var options = SmallOptions();
        options.Epochs = 5;
        options.ValidationFraction = 0.2f;
        options.EpochCompleted = reported.Add;

        using var model = ml.Transforms.Autoencoder(options).Fit(ManifoldData.Load(ml, 100));

        CollectionAssert.AreEqual(new[] { 1, 2, 3, 4, 5 }, reported.Select(e => e.Epoch).ToArray());
        Assert.IsTrue(reported.All(e => e.ValidationLoss is > 0), "every epoch reports a validation loss");
        CollectionAssert.AreEqual(reported, model.LossHistory.ToList());
        Assert.IsTrue(logged.Any(m => m.Contains("Epoch 5: training loss")), string.Join(Environment.NewLine, logged.TakeLast(5)));
    }

    [TestMethod]
    public void Fit_WithValidationAndPatience_StopsEarly()
    {
        var ml = new MLContext(seed: 1);
        var options = SmallOptions();
        options.Epochs = 500;
        options.LearningRate = 0.05f;
        options.ValidationFraction = 0.5f;
        options.EarlyStoppingPatience = 2;

        using var model = ml.Transforms.Autoencoder(options).Fit(ManifoldData.Load(ml, 60));

        Assert.IsLessThan(500, model.LossHistory.Count);
    }

    [TestMethod]
    public void Fit_WhenCancelled_ThrowsOperationCanceled()
    {
        var ml = new MLContext(seed: 1);
        using var cancellation = new CancellationTokenSource();
        var options = SmallOptions();
        options.Epochs = 1000;
        options.CancellationToken = cancellation.Token;
        int epochsCompleted = 0;
        options.EpochCompleted = e => { epochsCompleted = e.Epoch; if (e.Epoch == 2) cancellation.Cancel(); };

        Assert.ThrowsExactly<OperationCanceledException>(() => ml.Transforms.Autoencoder(options).Fit(ManifoldData.Load(ml, 100)));
        Assert.AreEqual(2, epochsCompleted, "the next epoch stops at its first batch");
    }

    [TestMethod]
    public void Fit_SingleRow_ProducesAModel()
    {
        var ml = new MLContext(seed: 1);
        var data = ManifoldData.Load(ml, 1);
        using var model = ml.Transforms.Autoencoder(SmallOptions()).Fit(data);

        Assert.HasCount(1, Columns.Floats(model.Transform(data), "ReconstructionError"));
    }

    [TestMethod]
    public void Fit_FewerRowsThanBatchSize_TrainsOneBatchPerEpoch()
    {
        var ml = new MLContext(seed: 1);
        var options = SmallOptions();
        options.BatchSize = 500;
        using var model = ml.Transforms.Autoencoder(options).Fit(ManifoldData.Load(ml, 30));

        Assert.HasCount(options.Epochs, model.LossHistory);
    }

    [TestMethod]
    public void Catalog_SimpleOverload_UsesItsArguments()
    {
        var ml = new MLContext(seed: 1);
        var data = ManifoldData.Load(ml, 50);
        using var model = ml.Transforms.Autoencoder("Code", "Features", latentDimension: 3, hiddenLayers: [10, 5], epochs: 2, seed: 1).Fit(data);

        Assert.AreEqual("6-10-5-3-5-10-6 (Relu)", model.Architecture.ToString());
        Assert.AreEqual("Code", model.Columns.Latent);
        Assert.HasCount(2, model.LossHistory);
        Assert.HasCount(3, Columns.Vectors(model.Transform(data), "Code")[0]);
    }

    [TestMethod]
    public void Fit_WithSigmoidOutputAndNoScaling_ReconstructsInsideUnitInterval()
    {
        var ml = new MLContext(seed: 1);
        var rows = ManifoldData.Rows(100);
        foreach (var row in rows)
            row.Features = row.Features.Select(v => (v + 2) / 4).ToArray();
        var data = ml.Data.LoadFromEnumerable(rows);
        var options = SmallOptions();
        options.Scaling = InputScaling.None;
        options.OutputActivation = OutputActivation.Sigmoid;
        options.Epochs = 3;
        using var model = ml.Transforms.Autoencoder(options).Fit(data);

        Assert.AreEqual("6-16-2-16-6 (Relu, Sigmoid output)", model.Architecture.ToString());
        Assert.IsTrue(Columns.Vectors(model.Transform(data), "Reconstruction").SelectMany(v => v).All(v => v is > 0 and < 1));
    }

    [TestMethod]
    public void DefaultHiddenSize_AdaptsToInputAndLatentSizes()
    {
        Assert.AreEqual(16, AutoencoderEstimator.DefaultHiddenSize(4, 2));
        Assert.AreEqual(224, AutoencoderEstimator.DefaultHiddenSize(784, 64));
        Assert.AreEqual(512, AutoencoderEstimator.DefaultHiddenSize(100_000, 64));
    }

    [TestMethod]
    public void GetOutputSchema_AddsThreeColumns()
    {
        var ml = new MLContext(seed: 1);
        var data = ManifoldData.Load(ml, 10);
        var estimator = ml.Transforms.Autoencoder(SmallOptions());

        var shape = estimator.GetOutputSchema(SchemaShapes.Of(data.Schema));

        Assert.AreEqual(SchemaShape.Column.VectorKind.Vector, SchemaShapes.Find(shape, "Latent")?.Kind);
        Assert.AreEqual(SchemaShape.Column.VectorKind.Vector, SchemaShapes.Find(shape, "Reconstruction")?.Kind);
        Assert.AreEqual(SchemaShape.Column.VectorKind.Scalar, SchemaShapes.Find(shape, "ReconstructionError")?.Kind);
        Assert.IsNotNull(SchemaShapes.Find(shape, "Name"), "input columns are carried over");
    }
}
