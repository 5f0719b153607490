using Microsoft.ML;
using MLNet.Autoencoders.Estimators;
using MLNet.Autoencoders.Tests.TestData;
using MLNet.Autoencoders.Transforms;

namespace MLNet.Autoencoders.Tests.Reliability;

/// <summary>
/// The dense autoencoder's native tensors are released when they should be: after fitting, transforming, disposing and
/// cancelling. Counts allow one temporary per parameter tensor of every network built (see <see cref="LiveTensors"/>).
/// (The other components': ComponentLifetimeTests.)
/// </summary>
[TestClass]
public sealed class LifetimeTests
{
    private static AutoencoderOptions Options() => new() { LatentDimension = 2, HiddenLayers = [8], Epochs = 3, Seed = 1, ScoringBatchSize = 16 };

    /// <summary>One weight and one bias per linear layer of <see cref="Options"/>' 6-8-2-8-6 network.</summary>
    private const int ParameterTemporaries = 8;

    [TestMethod]
    public void FitTransformDispose_LeavesNoNativeTensorAlive()
    {
        var ml = new MLContext(seed: 1);
        var data = ManifoldData.Load(ml, 100);
        long before = LiveTensors.Count();

        var model = ml.Transforms.Autoencoder(Options()).Fit(data);
        long afterFit = LiveTensors.Count();
        for (int i = 0; i < 5; i++)
            _ = Columns.Floats(model.Transform(data), "ReconstructionError");
        long afterTransforms = LiveTensors.Count();
        model.Dispose();

        Assert.AreEqual(afterFit, afterTransforms, "transforms leave no tensor behind");
        Assert.AreEqual(before + ParameterTemporaries, LiveTensors.Count(), "disposing the model frees its parameters");
    }

    [TestMethod]
    public void RepeatedTransforms_KeepLiveTensorCountFlat()
    {
        var ml = new MLContext(seed: 1);
        var data = ManifoldData.Load(ml, 50);
        using var model = ml.Transforms.Autoencoder(Options()).Fit(data);
        _ = Columns.Floats(model.Transform(data), "ReconstructionError");
        long before = LiveTensors.Count();

        for (int i = 0; i < 200; i++)
            _ = Columns.Vectors(model.Transform(data), "Reconstruction");

        Assert.AreEqual(before, LiveTensors.Count());
    }

    [TestMethod]
    public void DisposingAModelChain_DisposesTheAutoencoder()
    {
        var ml = new MLContext(seed: 1);
        var data = ManifoldData.Load(ml, 50);
        long before = LiveTensors.Count();
        var chain = ml.Transforms.NormalizeMinMax("Features").Append(ml.Transforms.Autoencoder(Options())).Fit(data);
        var autoencoder = chain.LastTransformer;

        chain.Dispose();

        Assert.Throws<ObjectDisposedException>(() => autoencoder.Transform(data));
        Assert.AreEqual(before + ParameterTemporaries, LiveTensors.Count());
    }

    [TestMethod]
    public void CancelledFit_LeavesNoHalfBuiltTransformerAndNoTensors()
    {
        var ml = new MLContext(seed: 1);
        var data = ManifoldData.Load(ml, 200);
        using var cancellation = new CancellationTokenSource();
        var options = Options();
        options.Epochs = 1000;
        options.BatchSize = 8;
        options.CancellationToken = cancellation.Token;
        int batchesSeen = 0;
        options.EpochCompleted = _ => { if (++batchesSeen == 1) cancellation.CancelAfter(5); };
        long before = LiveTensors.Count();

        AutoencoderTransformer? model = null;
        Assert.Throws<OperationCanceledException>(() => model = ml.Transforms.Autoencoder(options).Fit(data));

        Assert.IsNull(model);
        Assert.AreEqual(before + ParameterTemporaries, LiveTensors.Count());
    }
}
