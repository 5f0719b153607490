using Microsoft.ML;
using MLNet.Autoencoders.Estimators;
using MLNet.Autoencoders.ModelLoadCheck;
using MLNet.Autoencoders.Tests.Reliability;

namespace MLNet.Autoencoders.Tests.Supervised;

[TestClass]
public sealed class AutoencoderMulticlassLifetimeTests
{
    // 8-16-4-16-8 network (4 linear layers), a 4-8-3 classifier head and a 4-8-1 auxiliary head (2 each): 8 layers, a weight and a bias each.
    private const int ParameterTensors = 16;

    [TestMethod]
    public void FitTransformPredictAndDispose_LeaveNoNativeTensorAlive()
    {
        var ml = new MLContext(seed: 1);
        var rows = LabelledBlobs.Rows(60, 0.5);
        var data = LabelledBlobs.Load(ml, rows);
        var options = AutoencoderMulticlassTrainerTests.SmallOptions();
        options.Epochs = 2;
        options.ValidationFraction = 0.2f;
        options.AuxiliaryTargets.Add(new AuxiliaryTarget { ColumnName = nameof(BlobRow.Offset) });
        long before = LiveTensors.Count();

        var model = ml.MulticlassClassification.Trainers.Autoencoder(options).Fit(data);
        long afterFit = LiveTensors.Count();
        for (int i = 0; i < 20; i++)
            _ = DataViewDump.ToText(model.Transform(data));
        using (var engine = ml.Model.CreatePredictionEngine<BlobRow, BlobScore>(model, new PredictionEngineOptions { OwnsTransformer = false }))
        {
            foreach (var row in rows.Take(10))
                _ = engine.Predict(row);
        }
        long afterUse = LiveTensors.Count();
        model.Dispose();

        Assert.AreEqual(before + 2 * ParameterTensors, afterFit, "the fitted model's parameters and their temporaries");
        Assert.AreEqual(afterFit, afterUse, "transforms and predictions leave no tensor behind");
        Assert.AreEqual(before + ParameterTensors, LiveTensors.Count(), "disposing the model frees its parameters");
    }

    [TestMethod]
    public void Transform_AfterDispose_ThrowsObjectDisposed()
    {
        var ml = new MLContext(seed: 1);
        var data = LabelledBlobs.Load(ml, LabelledBlobs.Rows(30, 1));
        var options = AutoencoderMulticlassTrainerTests.SmallOptions();
        options.Epochs = 1;
        var model = ml.MulticlassClassification.Trainers.Autoencoder(options).Fit(data);
        model.Dispose();

        Assert.Throws<ObjectDisposedException>(() => model.Transform(data));
    }

    private sealed class BlobScore
    {
        public float[] Score { get; set; } = [];

        public float OffsetScore { get; set; }
    }
}
