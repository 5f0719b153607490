using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Runtime;
using MLNet.Autoencoders.Estimators;
using MLNet.Autoencoders.Estimators.AnomalyDetection;
using MLNet.Autoencoders.Estimators.Training;
using MLNet.Autoencoders.Tests.TestData;

namespace MLNet.Autoencoders.Tests.AnomalyDetection;

[TestClass]
public sealed class EnsembleFitterTests
{
    [TestMethod]
    [DataRow(50_000L, 3)]
    [DataRow(4_500L, 29)]
    [DataRow(300L, 200)]
    public void Epochs_FollowTheStepBudgetOnLargeData_AndTheEpochOptionOnSmall(long trainingRows, int expected)
    {
        var options = new AutoencoderAnomalyOptions();   // 200 epochs, batch 32, 4,000 steps per network

        Assert.AreEqual(expected, EnsembleFitter.Epochs(options, trainingRows));
    }

    [TestMethod]
    public void Epochs_WithoutABudget_AreTheEpochOption()
    {
        var options = new AutoencoderAnomalyOptions { MaximumStepsPerNetwork = null, Epochs = 17 };

        Assert.AreEqual(17, EnsembleFitter.Epochs(options, 1_000_000));
    }

    [TestMethod]
    public void Fit_MembersSideBySide_AreBitIdenticalToMembersOneAfterAnother()
    {
        var rows = ManifoldData.Rows(300).SelectMany(r => r.Features).ToArray();
        using var data = TrainingMatrix.FromValues(rows, 300, ManifoldData.FeatureCount);
        var options = AnomalyTestOptions.Small(seed: 5, ensembleSize: 3);
        options.Epochs = 10;
        var architecture = AnomalyArchitecture.For(ManifoldData.FeatureCount, options);
        using var channel = ((IHostEnvironment)new MLContext()).Start("test");
        float[][] Weights(bool parallel)
        {
            var fitted = EnsembleFitter.Fit(architecture, memberSeed =>
            {
                var (trainingRows, validation) = data.Split(30, new Random(memberSeed));
                return new EnsembleMember(new InMemoryBatches(data, trainingRows, ownsData: false), validation, trainingRows.Length, OwnsValidation: true);
            }, options, seed: 9, channel, parallel);
            var weights = fitted.Networks.Select(n => n.parameters().SelectMany(p => p.data<float>().ToArray()).ToArray()).ToArray();
            foreach (var network in fitted.Networks)
                network.Dispose();
            return weights;
        }

        using var oneThread = ThreadCountScope.Set(1);
        var sideBySide = Weights(parallel: true);
        var oneAfterAnother = Weights(parallel: false);

        Assert.HasCount(3, sideBySide);
        for (int member = 0; member < 3; member++)
            CollectionAssert.AreEqual(oneAfterAnother[member], sideBySide[member], $"network {member}");
    }

    [TestMethod]
    public void Fit_CancelledWhileMembersTrainSideBySide_ThrowsCancelledAndLeavesNoTensor()
    {
        var ml = new MLContext(seed: 1);
        var data = ml.Data.LoadFromEnumerable(ManifoldData.Rows(400));
        using var cancellation = new CancellationTokenSource();
        int networksBuilt = 0;
        ml.Log += (_, e) =>
        {
            if (e.Message.Contains("parameters on", StringComparison.Ordinal))
                networksBuilt++;
            if (e.Message.Contains("Autoencoder: Epoch 2:", StringComparison.Ordinal))
                cancellation.Cancel();
        };
        var options = AnomalyTestOptions.Small(seed: 5, ensembleSize: 4);   // one intra-op thread: members side by side
        options.Epochs = 1000;
        options.MaximumStepsPerNetwork = null;
        options.CancellationToken = cancellation.Token;
        var estimator = ml.AnomalyDetection.Trainers.Autoencoder(options);
        long before = Reliability.LiveTensors.Count();

        Assert.ThrowsExactly<OperationCanceledException>(() => estimator.Fit(data));

        // TorchSharp counts each parameter twice when a module is built (the moved-from tensor stays in its count): the 8
        // weights and biases of a 6-12-1-12-6 network are all that may remain of each network built.
        Assert.IsGreaterThan(0, networksBuilt);
        Assert.AreEqual(before + 8 * networksBuilt, Reliability.LiveTensors.Count(), "every member's network and data were disposed");
    }
}
