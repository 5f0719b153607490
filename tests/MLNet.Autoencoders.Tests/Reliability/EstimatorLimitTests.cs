using Microsoft.ML;
using Microsoft.ML.Data;
using MLNet.Autoencoders.Estimators;
using MLNet.Autoencoders.Tests.TestData;
using MLNet.Autoencoders.Transforms;
using static MLNet.Autoencoders.Tests.Reliability.ReliabilityComponents;

namespace MLNet.Autoencoders.Tests.Reliability;

/// <summary>
/// Values at the edge of what floats, arrays and memory hold: subnormal inputs fit, and sizes that cannot be allocated
/// are refused up front with the option's name and what fits, instead of a native allocator error or a bare
/// <see cref="OverflowException"/>.
/// </summary>
[TestClass]
public sealed class EstimatorLimitTests
{
    private static readonly MLContext Ml = new(seed: 1);

    [TestMethod]
    [DataRow(DenseAutoencoder, InputScaling.Standardize, TrainingDataMode.InMemory)]
    [DataRow(DenseAutoencoder, InputScaling.MinMax, TrainingDataMode.InMemory)]
    [DataRow(DenseAutoencoder, InputScaling.Standardize, TrainingDataMode.Streaming)]
    [DataRow(AnomalyDetector, InputScaling.Standardize, TrainingDataMode.InMemory)]
    [DataRow(AnomalyDetector, InputScaling.MinMax, TrainingDataMode.Streaming)]
    [DataRow(VariationalAutoencoder, InputScaling.Standardize, TrainingDataMode.InMemory)]
    public void Fit_SubnormalFeature_IsOnlyShiftedAndGivesFiniteLossesAndOutputs(string name, InputScaling scaling, TrainingDataMode mode)
    {
        var component = Named(name);
        // Feature 0 varies by about 1e-40 (subnormal): the inverse of its spread overflows float.
        var rows = component.Rows(40, 7).Select((r, i) => r.Select((v, j) => j == 0 ? (i % 7 - 3) * 1e-40f : v).ToArray()).ToArray();
        var data = component.Load(Ml, rows);
        var estimator = component.Estimator(Ml, o =>
        {
            Set(o, "Scaling", scaling);
            Set(o, "DataMode", mode);
        });

        using var model = (IDisposable)estimator.Fit(data);

        Assert.IsTrue(FittedModels.Histories((ITransformer)model).SelectMany(h => h).All(e => double.IsFinite(e.TrainingLoss)));
        var scored = ((ITransformer)model).Transform(data);
        Assert.IsTrue(Columns.Floats(scored, component.ScoreColumn).All(float.IsFinite));
        Assert.IsTrue(Columns.Vectors(scored, component.VectorColumn).All(v => v.All(float.IsFinite)));
    }

    [TestMethod]
    [DataRow(DenseAutoencoder)]
    [DataRow(AnomalyDetector)]
    [DataRow(VariationalAutoencoder)]
    public void Fit_HiddenLayerTooLargeForMemory_ThrowsInsufficientMemoryWithTheParameterCount(string name)
    {
        var component = Named(name);
        var estimator = component.Estimator(Ml, o => Set(o, "HiddenLayers", new[] { 16_777_216 }));

        // 784 features (MNIST's), as in the report: about 26 billion parameters, far beyond any machine.
        var data = FeatureRow.Load(Ml, Enumerable.Range(0, 4).Select(_ => new float[784]), new VectorDataViewType(NumberDataViewType.Single, 784));

        var exception = Expect.Throws<InsufficientMemoryException>(() => estimator.Fit(data),
            "parameters, needing", "GB to train", "of memory is available", "parameters fit", "HiddenLayers");
        StringAssert.Matches(exception.Message, new System.Text.RegularExpressions.Regex(@"would have [\d,]{10,} parameters"));
    }

    [TestMethod]
    public void Fit_ChannelsTooLargeForMemory_ThrowsInsufficientMemoryNamingChannels()
    {
        var component = Named(ConvolutionalAutoencoder);
        var estimator = component.Estimator(Ml, o => Set(o, "Channels", new[] { 16_777_216, 16_777_216 }));

        Expect.Throws<InsufficientMemoryException>(() => estimator.Fit(component.Data(Ml, 4)), "parameters, needing", "Make Channels or LatentDimension smaller.");
    }

    [TestMethod]
    [DataRow(DenseAutoencoder)]
    public void Create_LatentDimensionAboveTheLayerLimit_ThrowsNamingTheLimit(string name)
    {
        var component = Named(name);

        var exception = Expect.Throws<ArgumentOutOfRangeException>(() => component.Estimator(Ml, o => Set(o, "LatentDimension", 200_000_000)),
            "'LatentDimension' must be at most 16777216, the largest layer a saved model holds. Got 200000000.");
        Assert.AreEqual("LatentDimension", exception.ParamName);
    }

    [TestMethod]
    [DataRow(DenseAutoencoder)]
    [DataRow(AnomalyDetector)]
    [DataRow(ConvolutionalAutoencoder)]
    public void Fit_ScoringBatchTooLargeForOneArray_ThrowsNamingScoringBatchSize(string name)
    {
        var component = Named(name);
        var estimator = component.Estimator(Ml, o => Set(o, "ScoringBatchSize", int.MaxValue));

        var exception = Expect.Throws<ArgumentOutOfRangeException>(() => estimator.Fit(component.Data(Ml, 10)),
            "'ScoringBatchSize' must be at most ", $"rows of {component.FeatureCount} values", $"Got {int.MaxValue}.");
        Assert.AreEqual("ScoringBatchSize", exception.ParamName);
    }

    [TestMethod]
    [DataRow(DenseAutoencoder)]
    [DataRow(AnomalyDetector)]
    [DataRow(VariationalAutoencoder)]
    public void Fit_StreamingBufferTooLargeForOneArray_ThrowsNamingStreamingBufferRows(string name)
    {
        var component = Named(name);
        var estimator = component.Estimator(Ml, o =>
        {
            Set(o, "DataMode", TrainingDataMode.Streaming);
            Set(o, "StreamingBufferRows", int.MaxValue);
        });

        var exception = Expect.Throws<ArgumentOutOfRangeException>(() => estimator.Fit(component.Data(Ml, 10)),
            "'StreamingBufferRows' must be at most ", "streaming shuffle buffer", $"Got {int.MaxValue}.");
        Assert.AreEqual("StreamingBufferRows", exception.ParamName);
    }

    [TestMethod]
    public void Fit_StreamingBufferRowsHugeButInMemory_IsIgnored()
    {
        var component = Named(DenseAutoencoder);
        var estimator = component.Estimator(Ml, o =>
        {
            Set(o, "DataMode", TrainingDataMode.InMemory);
            Set(o, "StreamingBufferRows", int.MaxValue);
        });

        using var model = (IDisposable)estimator.Fit(component.Data(Ml, 10));
    }

    [TestMethod]
    [DataRow(DenseAutoencoder)]
    [DataRow(AnomalyDetector)]
    public void Fit_HugeBatchSizeWhileStreaming_TrainsOnBatchesOfTheShuffleBuffer(string name)
    {
        var component = Named(name);
        var estimator = component.Estimator(Ml, o =>
        {
            Set(o, "DataMode", TrainingDataMode.Streaming);
            Set(o, "BatchSize", int.MaxValue);
            Set(o, "Epochs", 2);
        });

        using var model = (IDisposable)estimator.Fit(component.Data(Ml, 40));
    }
}
