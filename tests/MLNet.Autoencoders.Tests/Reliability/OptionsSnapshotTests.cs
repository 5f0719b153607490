using Microsoft.ML;
using MLNet.Autoencoders.Tests.TestData;
using MLNet.Autoencoders.Transforms;
using MLNet.Autoencoders.Transforms.AnomalyDetection;
using static MLNet.Autoencoders.Tests.Reliability.ReliabilityComponents;

namespace MLNet.Autoencoders.Tests.Reliability;

/// <summary>
/// Every estimator copies its options when it is created: changing the caller's options object afterwards (to values
/// that validation would reject) changes neither what <c>Fit</c> trains nor what <c>GetOutputSchema</c> promises. Only the
/// cancellation token is read again at each fit.
/// </summary>
[TestClass]
public sealed class OptionsSnapshotTests
{
    private const int Epochs = 3;

    [TestMethod]
    [DataRow(DenseAutoencoder)]
    [DataRow(AnomalyDetector)]
    [DataRow(VariationalAutoencoder)]
    [DataRow(ConvolutionalAutoencoder)]
    [DataRow(ConvolutionalVariationalAutoencoder)]
    public void Fit_OptionsChangedAfterCreation_TrainsWithTheOptionsGivenAtCreation(string name)
    {
        var component = Named(name);
        var ml = new MLContext(seed: 1);
        var data = component.Data(ml, 40);
        object? options = null;
        var estimator = component.Estimator(ml, o =>
        {
            options = o;
            Set(o, "Epochs", Epochs);
            Set(o, "EarlyStoppingPatience", 0);
            TrySet(o, "HiddenLayers", new[] { 8 });
        });
        int latent = Latent(options!);

        Set(options!, "LatentDimension", 0);
        Set(options!, "Epochs", 0);
        Set(options!, "BatchSize", 0);
        Set(options!, "ValidationFraction", 1f);
        if (!TrySet(options!, "LatentColumnName", "Reconstruction"))
            Set(options!, "ScoreColumnName", "PredictedLabel");
        var arrayOption = options!.GetType().GetProperty("HiddenLayers") ?? options.GetType().GetProperty("Channels");
        ((int[])arrayOption!.GetValue(options)!)[0] = 0;
        var promised = estimator.GetOutputSchema(SchemaShapes.Of(data.Schema)).Select(c => c.Name).Order().ToArray();

        var model = estimator.Fit(data);
        try
        {
            var architecture = model is AutoencoderAnomalyTransformer detector ? detector.Architecture : ((AutoencoderTransformer)model).Architecture;
            Assert.AreEqual(latent, architecture.LatentDimension, "latent dimension");
            Assert.IsTrue(FittedModels.Histories(model).All(h => h.Count == Epochs), "every network trained the epochs given at creation");
            var produced = model.GetOutputSchema(data.Schema).Select(c => c.Name).Order().ToArray();
            CollectionAssert.AreEqual(promised, produced, "GetOutputSchema's columns are the fitted model's");
            CollectionAssert.Contains(produced, component.ScoreColumn);
            CollectionAssert.Contains(produced, component.VectorColumn);
        }
        finally
        {
            (model as IDisposable)?.Dispose();
        }
    }

    [TestMethod]
    [DataRow(DenseAutoencoder)]
    [DataRow(AnomalyDetector)]
    [DataRow(VariationalAutoencoder)]
    [DataRow(ConvolutionalAutoencoder)]
    [DataRow(ConvolutionalVariationalAutoencoder)]
    public void Fit_CancellationTokenReplacedAfterCreation_UsesTheNewToken(string name)
    {
        var component = Named(name);
        var ml = new MLContext(seed: 1);
        object? options = null;
        var estimator = component.Estimator(ml, o => options = o);

        Set(options!, "CancellationToken", new CancellationToken(canceled: true));

        Assert.Throws<OperationCanceledException>(() => estimator.Fit(component.Data(ml, 20)));
    }

    private static int Latent(object options) => options.GetType().GetProperty("LatentDimension")!.GetValue(options) switch
    {
        int latent => latent,
        // The detector's default: max(1, round(sqrt(6) / 4)) for the 6 features of its rows.
        _ => 1,
    };
}
