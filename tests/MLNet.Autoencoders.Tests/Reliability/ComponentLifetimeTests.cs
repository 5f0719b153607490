using System.Diagnostics;
using Microsoft.ML;
using MLNet.Autoencoders.ModelLoadCheck;
using MLNet.Autoencoders.Tests.Persistence;
using MLNet.Autoencoders.Transforms;
using MLNet.Autoencoders.Transforms.AnomalyDetection;
using static MLNet.Autoencoders.Tests.Reliability.ReliabilityComponents;

namespace MLNet.Autoencoders.Tests.Reliability;

/// <summary>
/// Native tensors of every component are released when they should be (after fitting, transforming, loading, disposing
/// and cancelling), and a disposed component fails with <see cref="ObjectDisposedException"/> wherever it is used.
/// Every count allows exactly <see cref="ReliabilityComponent.ParameterTensors"/> per model built (see <see cref="LiveTensors"/>).
/// (The dense autoencoder's: LifetimeTests.)
/// </summary>
[TestClass]
public sealed class ComponentLifetimeTests
{
    private static PredictionEngine<FeatureRow, ScoreRow> Engine(MLContext ml, ITransformer model, ReliabilityComponent component) =>
        ml.Model.CreatePredictionEngine<FeatureRow, ScoreRow>(model, new PredictionEngineOptions
        {
            InputSchemaDefinition = FeatureRow.Definition(component.FeatureType),
            OutputSchemaDefinition = ScoreRow.Definition(component),
            OwnsTransformer = false,
        });

    [TestMethod]
    [DataRow(AnomalyDetector)]
    [DataRow(VariationalAutoencoder)]
    [DataRow(MissingValueAutoencoder)]
    [DataRow(ConvolutionalAutoencoder)]
    [DataRow(ConvolutionalVariationalAutoencoder)]
    public void FitTransformPredictAndDispose_LeaveNoNativeTensorAlive(string name)
    {
        var component = Named(name);
        var ml = new MLContext(seed: 1);
        var rows = component.Rows(50, 7);
        var data = component.Load(ml, rows);
        long before = LiveTensors.Count();

        var model = component.Estimator(ml).Fit(data);
        long afterFit = LiveTensors.Count();
        for (int i = 0; i < 20; i++)
            _ = DataViewDump.ToText(model.Transform(data));
        using (var engine = Engine(ml, model, component))
        {
            foreach (var row in rows.Take(10))
                _ = engine.Predict(new FeatureRow { Features = row });
        }
        long afterUse = LiveTensors.Count();
        ((IDisposable)model).Dispose();

        Assert.AreEqual(before + 2 * component.ParameterTensors, afterFit, "the fitted model's parameters and their temporaries");
        Assert.AreEqual(afterFit, afterUse, "transforms and predictions leave no tensor behind");
        Assert.AreEqual(before + component.ParameterTensors, LiveTensors.Count(), "disposing the model frees its parameters");
    }

    [TestMethod]
    [DataRow(AnomalyDetector)]
    [DataRow(VariationalAutoencoder)]
    [DataRow(ConvolutionalAutoencoder)]
    [DataRow(ConvolutionalVariationalAutoencoder)]
    public void LoadTransformAndDisposeALoadedChain_LeaveNoNativeTensorAlive(string name)
    {
        var component = Named(name);
        var ml = new MLContext(seed: 1);
        var data = component.Data(ml, 30);
        using var directory = new TempDirectory();
        string path;
        using (var fitted = ml.Transforms.CopyColumns("Copy", "Features").Append(component.Estimator(ml)).Fit(data))
            path = RoundTrip.Save(ml, fitted, data.Schema, directory, "model.zip");
        long before = LiveTensors.Count();

        var loaded = new MLContext().Model.Load(path, out _);
        for (int i = 0; i < 5; i++)
            _ = DataViewDump.ToText(loaded.Transform(data));
        ((IDisposable)loaded).Dispose();

        Assert.AreEqual(before + component.ParameterTensors, LiveTensors.Count());
    }

    [TestMethod]
    [DataRow(AnomalyDetector)]
    [DataRow(VariationalAutoencoder)]
    [DataRow(ConvolutionalAutoencoder)]
    [DataRow(ConvolutionalVariationalAutoencoder)]
    public void DisposingAModelChain_DisposesTheComponent(string name)
    {
        var component = Named(name);
        var ml = new MLContext(seed: 1);
        var data = component.Data(ml, 30);
        long before = LiveTensors.Count();
        var chain = ml.Transforms.CopyColumns("Copy", "Features").Append(component.Estimator(ml)).Fit(data);
        var last = chain.LastTransformer;

        chain.Dispose();

        Assert.ThrowsExactly<ObjectDisposedException>(() => last.Transform(data));
        Assert.AreEqual(before + component.ParameterTensors, LiveTensors.Count());
    }

    [TestMethod]
    [DataRow(AnomalyDetector)]
    [DataRow(VariationalAutoencoder)]
    [DataRow(MissingValueAutoencoder)]
    [DataRow(ConvolutionalAutoencoder)]
    [DataRow(ConvolutionalVariationalAutoencoder)]
    public void EveryUseAfterDispose_ThrowsObjectDisposed_EvenOfViewsAndEnginesMadeBefore(string name)
    {
        var component = Named(name);
        var ml = new MLContext(seed: 1);
        var rows = component.Rows(30, 7);
        var data = component.Load(ml, rows);
        var model = component.Estimator(ml).Fit(data);
        var viewMadeBefore = model.Transform(data);
        var engineMadeBefore = Engine(ml, model, component);
        using var directory = new TempDirectory();

        ((IDisposable)model).Dispose();
        ((IDisposable)model).Dispose();

        Assert.ThrowsExactly<ObjectDisposedException>(() => model.Transform(data));
        Assert.ThrowsExactly<ObjectDisposedException>(() => model.GetOutputSchema(data.Schema));
        Assert.ThrowsExactly<ObjectDisposedException>(() => model.GetRowToRowMapper(data.Schema));
        Assert.ThrowsExactly<ObjectDisposedException>(() => Engine(ml, model, component));
        ExceptionChain.Find<ObjectDisposedException>(Assert.Throws<Exception>(() => ml.Model.Save(model, data.Schema, directory.File("disposed.zip"))));
        ExceptionChain.Find<ObjectDisposedException>(Assert.Throws<Exception>(() => DataViewDump.ToText(viewMadeBefore)));
        ExceptionChain.Find<ObjectDisposedException>(Assert.Throws<Exception>(() => engineMadeBefore.Predict(new FeatureRow { Features = rows[0] })));
        switch (model)
        {
            case AutoencoderAnomalyTransformer detector:
                Assert.ThrowsExactly<ObjectDisposedException>(() => detector.WithThreshold(1f));
                break;
            case AutoencoderTransformer autoencoder:
                Assert.ThrowsExactly<ObjectDisposedException>(() => autoencoder.Sample(3, seed: 1));
                Assert.ThrowsExactly<ObjectDisposedException>(() => autoencoder.Decode([new float[autoencoder.Architecture.LatentDimension]]));
                Assert.ThrowsExactly<ObjectDisposedException>(() => autoencoder.Interpolate(rows[0], rows[1], steps: 3));
                Assert.ThrowsExactly<ObjectDisposedException>(() => autoencoder.CreateDecoder());
                break;
        }
    }

    [TestMethod]
    public void VariationalGeneration_LeavesNoNativeTensorAlive()
    {
        var component = Named(VariationalAutoencoder);
        var ml = new MLContext(seed: 1);
        var rows = component.Rows(30, 7);
        using var model = (AutoencoderTransformer)component.Estimator(ml).Fit(component.Load(ml, rows));
        _ = DataViewDump.ToText(model.Sample(5, seed: 1));
        long before = LiveTensors.Count();

        for (int i = 0; i < 10; i++)
        {
            _ = DataViewDump.ToText(model.Sample(20, seed: i));
            _ = DataViewDump.ToText(model.Decode([[0f, 0f], [1f, -1f]]));
            _ = DataViewDump.ToText(model.Interpolate(rows[0], rows[1], steps: 5));
        }

        Assert.AreEqual(before, LiveTensors.Count());
    }

    [TestMethod]
    [DataRow(AnomalyDetector)]
    [DataRow(VariationalAutoencoder)]
    [DataRow(MissingValueAutoencoder)]
    [DataRow(ConvolutionalAutoencoder)]
    [DataRow(ConvolutionalVariationalAutoencoder)]
    public void CancelledMidEpoch_StopsWithinABatchAndLeavesNoHalfBuiltTransformerNorTensor(string name)
    {
        var component = Named(name);
        var ml = new MLContext(seed: 1);
        // Many small batches: an epoch takes about half a second, a batch about a millisecond.
        var data = component.Data(ml, component.FeatureType.Dimensions.Length > 1 ? 600 : 2500);
        using var cancellation = new CancellationTokenSource();
        var clock = Stopwatch.StartNew();
        var epochEnds = new List<TimeSpan>();
        TimeSpan? cancelledAt = null;
        int networksBuilt = 0, epochsAfterCancel = 0, epochsSeen = 0;
        cancellation.Token.Register(() => cancelledAt = clock.Elapsed);
        ml.Log += (_, e) =>
        {
            if (e.Message.Contains("parameters on", StringComparison.Ordinal))
            {
                networksBuilt++;
                epochEnds.Add(clock.Elapsed);
            }
            else if (e.Message.Contains("Autoencoder: Epoch ", StringComparison.Ordinal))
            {
                if (cancelledAt is not null)
                    epochsAfterCancel++;
                epochEnds.Add(clock.Elapsed);
                // The second epoch message (the detector's networks may start side by side, so count epochs, not entries).
                if (++epochsSeen == 2)
                    cancellation.CancelAfter((epochEnds[^1] - epochEnds[^2]) / 4);
            }
        };
        var estimator = component.Estimator(ml, o =>
        {
            Set(o, "Epochs", 1000);
            Set(o, "BatchSize", 2);
            Set(o, "CancellationToken", cancellation.Token);
            TrySet(o, "MaximumStepsPerNetwork", null);   // the detector's step budget would end the fit before the cancellation
            if (name == AnomalyDetector)
                Set(o, "NumberOfThreads", 2);   // networks one after another: the epoch times below are then one network's
        });
        long before = LiveTensors.Count();

        ITransformer? model = null;
        Assert.ThrowsExactly<OperationCanceledException>(() => model = estimator.Fit(data));
        var stoppedAt = clock.Elapsed;

        Assert.IsNull(model);
        TimeSpan epoch = epochEnds.Zip(epochEnds.Skip(1), (a, b) => b - a).Order().ElementAt((epochEnds.Count - 1) / 2);
        // Checking only between epochs would take most of an epoch; a batch takes a few hundred times less than the bound.
        Assert.IsLessThan(epoch / 2, stoppedAt - cancelledAt!.Value, $"cancelled {cancelledAt}, stopped {stoppedAt}; a typical epoch takes {epoch}");
        Assert.IsLessThanOrEqualTo(1, epochsAfterCancel, "at most the epoch whose last batch was running finished");
        Assert.AreEqual(before + networksBuilt * component.ParameterTensors / component.Networks, LiveTensors.Count(), "every network built was disposed");
    }

    [TestMethod]
    public void AnomalyDetectorCancelledInItsSecondNetwork_DisposesTheFirstAndReturnsNothing()
    {
        var component = Named(AnomalyDetector);
        var ml = new MLContext(seed: 1);
        using var cancellation = new CancellationTokenSource();
        bool secondNetwork = false;
        int epochsAfterCancel = 0;
        ml.Log += (_, e) =>
        {
            if (e.Message.Contains("network 2 of 2", StringComparison.Ordinal))
                secondNetwork = true;
            else if (e.Message.Contains("Autoencoder: Epoch ", StringComparison.Ordinal) && secondNetwork && cancellation.IsCancellationRequested)
                epochsAfterCancel++;
            else if (e.Message.Contains("Autoencoder: Epoch 1:", StringComparison.Ordinal) && secondNetwork)
                cancellation.Cancel();
        };
        var estimator = component.Estimator(ml, o =>
        {
            Set(o, "CancellationToken", cancellation.Token);
            // Two intra-op threads: the networks train one after another, so "the second network" is one point in time.
            Set(o, "NumberOfThreads", 2);
        });
        long before = LiveTensors.Count();

        ITransformer? model = null;
        Assert.ThrowsExactly<OperationCanceledException>(() => model = estimator.Fit(component.Data(ml, 60)));

        Assert.IsTrue(secondNetwork);
        Assert.IsNull(model);
        Assert.AreEqual(0, epochsAfterCancel, "cancelled at the end of an epoch, it stops before the next batch");
        Assert.AreEqual(before + component.ParameterTensors, LiveTensors.Count(), "both networks were disposed");
    }
}
