using System.Diagnostics;
using Microsoft.ML;
using Microsoft.ML.Data;
using MLNet.Autoencoders.Estimators;
using MLNet.Autoencoders.Examples.Shared;
using MLNet.Autoencoders.Transforms;

namespace MLNet.Autoencoders.Examples.Scenarios.PenguinsClustering;

/// <summary>
/// Squeezes four penguin measurements into two dimensions with an autoencoder and with PCA, clusters
/// each 2-D space with k-means, and compares how well the clusters recover the three species.
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

        var watch = Stopwatch.StartNew();
        using var autoencoderModel = autoencoderPipeline.Fit(data);
        Console.WriteLine($"Fitted normalizer + autoencoder + k-means in {watch.Elapsed.TotalSeconds:F1} s.");
        LossCheck.ThrowIfNotFinite("autoencoder", autoencoderModel.OfType<AutoencoderTransformer>().Single().LossHistory);
        using var pcaModel = pcaPipeline.Fit(data);

        IDataView autoencoderOutput = autoencoderModel.Transform(data);
        IDataView pcaOutput = pcaModel.Transform(data);
        MethodResult[] results =
        [
            Score("Autoencoder", autoencoderOutput, species,
                // The transformer's own column: squared error averaged over the 4 normalized features.
                reconstructionMse: autoencoderOutput.GetColumn<float>("ReconstructionError").Average(e => (double)e)),
            Score("PCA (rank 2)", pcaOutput, species,
                reconstructionMse: LinearReconstruction.MeanSquaredError(
                    [.. pcaOutput.GetColumn<float[]>("Latent")], [.. pcaOutput.GetColumn<float[]>("Features")])),
        ];

        Console.WriteLine();
        Console.WriteLine("k-means (k = 3) on each 2-D space, against species. NMI uses arithmetic-mean");
        Console.WriteLine("normalization (scikit-learn's default); Recon. MSE is in z-score units.");
        Console.WriteLine($"{"Method",-16}{"NMI",6}{"Purity",9}{"Recon. MSE",13}");
        foreach (var r in results)
            Console.WriteLine($"{r.Name,-16}{r.Nmi,6:F2}{r.Purity,9:F2}{r.ReconstructionMse,13:F3}");
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
            LatentPlot(results[1], species, "PCA, rank 2", "PC 1", "PC 2"));
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

    private static OxyPlot.PlotModel LatentPlot(MethodResult result, string[] species, string title, string xTitle, string yTitle) =>
        Plots.Scatter($"{title} (k-means NMI {result.Nmi:F2})", xTitle, yTitle, species,
            [.. result.Latent.Select(z => ((double)z[0], (double)z[1]))]);
}
