using System.Diagnostics;
using Microsoft.ML;
using Microsoft.ML.Data;
using MLNet.Autoencoders.Estimators;
using MLNet.Autoencoders.Estimators.Clustering;
using MLNet.Autoencoders.Examples.Shared;
using MLNet.Autoencoders.Transforms;

namespace MLNet.Autoencoders.Examples.Scenarios.PenguinsClustering;

/// <summary>
/// Squeezes four penguin measurements into two dimensions with an autoencoder and with PCA, clusters
/// each 2-D space with k-means, and compares how well the clusters recover the three species with k-means on
/// the four measurements and with the autoencoder clustering trainer (IDEC), which learns its 2-D space and
/// its clusters together.
/// </summary>
internal static class PenguinsClustering
{
    /// <summary>Runs the scenario; <paramref name="size"/> sets the epochs (the data is small enough to keep whole).</summary>
    public static void Run(RunSize size)
    {
        var ml = new MLContext(seed: 1);
        List<Penguin> penguins = PenguinsCsv.Load(DataFiles.Find("penguins.csv"), out int dropped);
        Console.WriteLine($"Loaded {penguins.Count + dropped} penguins, dropped {dropped} with missing measurements, {penguins.Count} remain.");
        IDataView data = ml.Data.LoadFromEnumerable(penguins);
        string[] species = [.. penguins.Select(p => p.Species)];

        // fixZero: false gives z-scores. ML.NET's default (fixZero: true) only divides by the root mean
        // square and does not centre, which leaves these measurements near 1 with tiny spread.
        var autoencoderPipeline = ml.Transforms.Concatenate("Features", "BillLength", "BillDepth", "Flipper", "Mass")
            .Append(ml.Transforms.NormalizeMeanVariance("Features", fixZero: false))
            .Append(ml.Transforms.Autoencoder(outputColumnName: "Latent", inputColumnName: "Features", latentDimension: 2,
                epochs: size.Epochs(AutoencoderDefaults.Epochs)))
            .Append(ml.Clustering.Trainers.KMeans("Latent", numberOfClusters: 3));
        var pcaPipeline = ml.Transforms.Concatenate("Features", "BillLength", "BillDepth", "Flipper", "Mass")
            .Append(ml.Transforms.NormalizeMeanVariance("Features", fixZero: false))
            .Append(ml.Transforms.ProjectToPrincipalComponents("Latent", "Features", rank: 2))
            .Append(ml.Clustering.Trainers.KMeans("Latent", numberOfClusters: 3));
        var kMeansPipeline = ml.Transforms.Concatenate("Features", "BillLength", "BillDepth", "Flipper", "Mass")
            .Append(ml.Transforms.NormalizeMeanVariance("Features", fixZero: false))
            .Append(ml.Clustering.Trainers.KMeans("Features", numberOfClusters: 3));
        // Deep embedded clustering: pre-trains an autoencoder, then moves its 2-D codes and 3 centres together.
        var clusteringPipeline = ml.Transforms.Concatenate("Features", "BillLength", "BillDepth", "Flipper", "Mass")
            .Append(ml.Transforms.NormalizeMeanVariance("Features", fixZero: false))
            .Append(ml.Clustering.Trainers.Autoencoder(new AutoencoderClusteringOptions
            {
                NumberOfClusters = 3,
                LatentDimension = 2,
                PretrainingEpochs = size.Epochs(AutoencoderClusteringDefaults.PretrainingEpochs),
                ClusteringEpochs = size.Epochs(AutoencoderClusteringDefaults.ClusteringEpochs),
            }));

        var watch = Stopwatch.StartNew();
        using var autoencoderModel = autoencoderPipeline.Fit(data);
        Console.WriteLine($"Fitted normalizer + autoencoder + k-means in {watch.Elapsed.TotalSeconds:F1} s.");
        LossCheck.ThrowIfNotFinite("autoencoder", autoencoderModel.OfType<AutoencoderTransformer>().Single().LossHistory);
        using var pcaModel = pcaPipeline.Fit(data);
        var kMeansModel = kMeansPipeline.Fit(data);
        watch.Restart();
        using var clusteringModel = clusteringPipeline.Fit(data);
        Console.WriteLine($"Fitted normalizer + autoencoder clustering in {watch.Elapsed.TotalSeconds:F1} s.");
        LossCheck.ThrowIfNotFinite("autoencoder clustering", clusteringModel.LastTransformer.PretrainingLossHistory);

        IDataView autoencoderOutput = autoencoderModel.Transform(data);
        IDataView pcaOutput = pcaModel.Transform(data);
        IDataView kMeansOutput = kMeansModel.Transform(data);
        IDataView clusteringOutput = clusteringModel.Transform(data);
        MethodResult[] results =
        [
            Score("Autoencoder", autoencoderOutput, species,
                // The transformer's own column: squared error averaged over the 4 normalized features.
                reconstructionMse: autoencoderOutput.GetColumn<float>("ReconstructionError").Average(e => (double)e)),
            Score("PCA (rank 2)", pcaOutput, species,
                reconstructionMse: LinearReconstruction.MeanSquaredError(
                    [.. pcaOutput.GetColumn<float[]>("Latent")], [.. pcaOutput.GetColumn<float[]>("Features")])),
            Score("Autoencoder clustering (IDEC)", clusteringOutput, species, reconstructionMse: double.NaN),
        ];
        uint[] kMeansClusters = [.. kMeansOutput.GetColumn<uint>("PredictedLabel")];

        Console.WriteLine();
        Console.WriteLine("k-means (k = 3) on each 2-D space, and the clustering trainer's own 3 clusters, against");
        Console.WriteLine("species. NMI uses arithmetic-mean normalization (scikit-learn's default); Recon. MSE is in z-score units.");
        Console.WriteLine($"{"Method",-32}{"NMI",6}{"Purity",9}{"Recon. MSE",13}");
        Console.WriteLine($"{"k-means on the 4 features",-32}{ClusterMetrics.NormalizedMutualInformation(species, kMeansClusters),6:F2}{ClusterMetrics.Purity(species, kMeansClusters),9:F2}{"-",13}");
        foreach (var r in results)
            Console.WriteLine($"{r.Name,-32}{r.Nmi,6:F2}{r.Purity,9:F2}{(double.IsNaN(r.ReconstructionMse) ? "-" : r.ReconstructionMse.ToString("F3")),13}");
        Console.WriteLine();

        string modelPath = DataFiles.Output("penguins-autoencoder-kmeans.zip");
        ml.Model.Save(autoencoderModel, data.Schema, modelPath);
        Console.WriteLine($"Saved the fitted autoencoder pipeline to {modelPath}");
        int rows = CountRowsReproducedAfterReload(modelPath, penguins, autoencoderOutput);
        Console.WriteLine(rows == penguins.Count
            ? $"Reloaded model reproduces all {rows} rows exactly: yes"
            : $"Reloaded model reproduces all {penguins.Count} rows exactly: no, only {rows}");

        string plotPath = DataFiles.Output("penguins-latent.png");
        Plots.SaveSideBySide(plotPath, panelWidth: 600, height: 550,
            LatentPlot(results[0], species, "Autoencoder latent space", "Latent[0]", "Latent[1]"),
            LatentPlot(results[1], species, "PCA, rank 2", "PC 1", "PC 2"),
            LatentPlot(results[2], species, "Autoencoder clustering (IDEC) latent space", "Latent[0]", "Latent[1]", method: "clusters"));
        Console.WriteLine($"Saved the latent-space plot to {plotPath}");
    }

    private static MethodResult Score(string name, IDataView transformed, string[] species, double reconstructionMse)
    {
        // PredictedLabel is a key: 1-based cluster ids.
        uint[] clusters = [.. transformed.GetColumn<uint>("PredictedLabel")];
        float[][] latent = [.. transformed.GetColumn<float[]>("Latent")];
        return new MethodResult(
            name,
            ClusterMetrics.NormalizedMutualInformation(species, clusters),
            ClusterMetrics.Purity(species, clusters),
            reconstructionMse,
            latent);
    }

    /// <summary>
    /// Loads the saved pipeline in a fresh <see cref="MLContext"/>, as another process would, and counts
    /// the rows whose Latent, ReconstructionError and PredictedLabel match <paramref name="expected"/> bit for bit.
    /// </summary>
    private static int CountRowsReproducedAfterReload(string modelPath, List<Penguin> penguins, IDataView expected)
    {
        var freshContext = new MLContext(seed: 1);
        ITransformer reloaded = freshContext.Model.Load(modelPath, out _);
        try
        {
            IDataView actual = reloaded.Transform(freshContext.Data.LoadFromEnumerable(penguins));
            var before = Rows(expected).ToList();
            var after = Rows(actual).ToList();
            return before.Zip(after).Count(pair =>
                pair.First.Latent.SequenceEqual(pair.Second.Latent)
                && pair.First.Error.Equals(pair.Second.Error)
                && pair.First.Cluster == pair.Second.Cluster);
        }
        finally
        {
            (reloaded as IDisposable)?.Dispose();
        }
    }

    private static IEnumerable<(float[] Latent, float Error, uint Cluster)> Rows(IDataView view) =>
        view.GetColumn<float[]>("Latent")
            .Zip(view.GetColumn<float>("ReconstructionError"), view.GetColumn<uint>("PredictedLabel"));

    private static OxyPlot.PlotModel LatentPlot(MethodResult result, string[] species, string title, string xTitle, string yTitle, string method = "k-means") =>
        Plots.Scatter($"{title} ({method} NMI {result.Nmi:F2})", xTitle, yTitle, species,
            [.. result.Latent.Select(z => ((double)z[0], (double)z[1]))]);
}
