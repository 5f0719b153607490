using Microsoft.ML;
using Microsoft.ML.Data;
using MLNet.Autoencoders.Estimators.Clustering;
using MLNet.Autoencoders.Examples.Shared;
using MLNet.Autoencoders.Transforms.Clustering;

namespace MLNet.Autoencoders.Tests.Clustering;

/// <summary>What a user of mlContext.Clustering.Trainers.Autoencoder relies on: the clusters, Evaluate, determinism, progress and cancellation.</summary>
[TestClass]
public sealed class AutoencoderClusteringEstimatorTests
{
    [TestMethod]
    public void Fit_WellSeparatedBlobs_RecoversTheBlobs()
    {
        var ml = new MLContext(seed: 1);
        var data = ClusteredBlobs.Load(ml);
        using var model = ml.Clustering.Trainers.Autoencoder(ClusteringTestOptions.Small()).Fit(data);

        var output = model.Transform(data);
        float[] labels = [.. output.GetColumn<float>("Label")];
        uint[] clusters = [.. output.GetColumn<uint>("PredictedLabel")];

        Assert.IsGreaterThan(0.9, ClusterMetrics.NormalizedMutualInformation(labels, clusters));
        CollectionAssert.AreEquivalent(new uint[] { 1, 2, 3 }, clusters.Distinct().ToArray());
    }

    [TestMethod]
    public void Evaluate_OnTheOutput_GivesNmiAverageDistanceAndDbi()
    {
        var ml = new MLContext(seed: 1);
        var data = ClusteredBlobs.Load(ml);
        using var model = ml.Clustering.Trainers.Autoencoder(ClusteringTestOptions.Small()).Fit(data);

        var metrics = ml.Clustering.Evaluate(model.Transform(data), labelColumnName: "Label", scoreColumnName: "Score", featureColumnName: "Features");

        // ML.NET's NMI is normalised by the class entropy alone; on recovered blobs it is near 1 either way.
        Assert.IsGreaterThan(0.9, metrics.NormalizedMutualInformation);
        Assert.IsTrue(double.IsFinite(metrics.AverageDistance) && metrics.AverageDistance >= 0, $"{metrics.AverageDistance}");
        Assert.IsTrue(double.IsFinite(metrics.DaviesBouldinIndex) && metrics.DaviesBouldinIndex > 0, $"{metrics.DaviesBouldinIndex}");
    }

    [TestMethod]
    public void Transform_Output_HasTheClusteringContractTypes()
    {
        var ml = new MLContext(seed: 1);
        var data = ClusteredBlobs.Load(ml);
        var options = ClusteringTestOptions.Small();
        options.SoftAssignmentColumnName = "Probabilities";
        using var model = ml.Clustering.Trainers.Autoencoder(options).Fit(data);

        var output = model.Transform(data);
        Assert.AreEqual(new VectorDataViewType(NumberDataViewType.Single, 3), output.Schema["Score"].Type);
        Assert.AreEqual(new KeyDataViewType(typeof(uint), 3), output.Schema["PredictedLabel"].Type);
        Assert.AreEqual(new VectorDataViewType(NumberDataViewType.Single, 3), output.Schema["Latent"].Type);
        var scores = output.GetColumn<float[]>("Score").ToArray();
        var soft = output.GetColumn<float[]>("Probabilities").ToArray();
        var clusters = output.GetColumn<uint>("PredictedLabel").ToArray();
        for (int i = 0; i < scores.Length; i++)
        {
            // The predicted cluster is the nearest centre and the most probable one; the soft assignment sums to 1.
            Assert.AreEqual((uint)(Array.IndexOf(scores[i], scores[i].Min()) + 1), clusters[i]);
            Assert.AreEqual((uint)(Array.IndexOf(soft[i], soft[i].Max()) + 1), clusters[i]);
            Assert.AreEqual(1.0, soft[i].Sum(), 1e-5);
        }
        Assert.HasCount(3, model.GetCentres());
    }

    [TestMethod]
    public void Fit_SameSeedTwice_GivesBitIdenticalAssignmentsAndScores()
    {
        var first = FitAndRead(seed: 5);
        var second = FitAndRead(seed: 5);

        CollectionAssert.AreEqual(first.Clusters, second.Clusters);
        CollectionAssert.AreEqual(first.Scores, second.Scores);
    }

    [TestMethod]
    public void Fit_EpochCompleted_ReportsBothPhasesBothTermsAndChangedAssignments()
    {
        var ml = new MLContext(seed: 1);
        var reports = new List<ClusteringEpochLoss>();
        var options = ClusteringTestOptions.Small();
        options.Tolerance = 0;
        options.ClusteringEpochs = 3;
        options.EpochCompleted = reports.Add;
        using var model = ml.Clustering.Trainers.Autoencoder(options).Fit(ClusteredBlobs.Load(ml));

        var pretraining = reports.Where(r => r.Phase == ClusteringPhase.Pretraining).ToList();
        var clustering = reports.Where(r => r.Phase == ClusteringPhase.Clustering).ToList();
        Assert.IsNotEmpty(pretraining);
        Assert.IsTrue(pretraining.All(r => r.ChangedAssignments is null));
        Assert.HasCount(3, clustering);
        Assert.IsTrue(clustering.All(r => r.ChangedAssignments is >= 0 and <= 1), string.Join("; ", clustering));
        Assert.IsTrue(clustering.All(r => r.Loss.TrainingTerms.ContainsKey("reconstruction") && r.Loss.TrainingTerms["clustering"] >= 0), string.Join("; ", clustering));
        CollectionAssert.AreEqual(clustering.Select(r => r.Loss).ToArray(), model.ClusteringLossHistory.ToArray());
        Assert.HasCount(pretraining.Count, model.PretrainingLossHistory);
    }

    [TestMethod]
    public void Fit_ZeroClusteringEpochs_IsKMeansOnThePretrainedCodes()
    {
        var ml = new MLContext(seed: 1);
        var options = ClusteringTestOptions.Small();
        options.ClusteringEpochs = 0;
        using var model = ml.Clustering.Trainers.Autoencoder(options).Fit(ClusteredBlobs.Load(ml));

        Assert.IsEmpty(model.ClusteringLossHistory);
        Assert.HasCount(3, model.GetCentres());
    }

    [TestMethod]
    public void Fit_Cancelled_ThrowsOperationCanceled()
    {
        var ml = new MLContext(seed: 1);
        using var cancellation = new CancellationTokenSource();
        var options = ClusteringTestOptions.Small();
        options.CancellationToken = cancellation.Token;
        options.EpochCompleted = e =>
        {
            if (e.Phase == ClusteringPhase.Clustering)
                cancellation.Cancel();
        };
        options.Tolerance = 0;

        Assert.ThrowsExactly<OperationCanceledException>(() => ml.Clustering.Trainers.Autoencoder(options).Fit(ClusteredBlobs.Load(ml)));
    }

    [TestMethod]
    public void Silhouette_OverCandidateK_IsHighestForTheNumberOfBlobs()
    {
        var ml = new MLContext(seed: 1);
        var data = ClusteredBlobs.Load(ml, rowsPerCluster: 40);
        var silhouettes = new Dictionary<int, double>();
        foreach (int k in new[] { 2, 3, 5 })
        {
            using var model = ml.Clustering.Trainers.Autoencoder(ClusteringTestOptions.Small(k)).Fit(data);
            silhouettes[k] = model.Silhouette(data);
        }

        Assert.AreEqual(3, silhouettes.MaxBy(s => s.Value).Key, string.Join(", ", silhouettes));
        Assert.IsTrue(silhouettes.Values.All(s => s is > -1 and <= 1), string.Join(", ", silhouettes));
    }

    private static (uint[] Clusters, float[] Scores) FitAndRead(int seed)
    {
        var ml = new MLContext(seed: 1);
        var options = ClusteringTestOptions.Small();
        options.Seed = seed;
        var data = ClusteredBlobs.Load(ml);
        using var model = ml.Clustering.Trainers.Autoencoder(options).Fit(data);
        var output = model.Transform(data);
        return ([.. output.GetColumn<uint>("PredictedLabel")], [.. output.GetColumn<float[]>("Score").SelectMany(s => s)]);
    }
}
