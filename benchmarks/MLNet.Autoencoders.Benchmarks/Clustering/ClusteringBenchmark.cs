using System.Diagnostics;
using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;
using MLNet.Autoencoders.Estimators.Clustering;
using MLNet.Autoencoders.Examples.Shared;

namespace MLNet.Autoencoders.Benchmarks.Clustering;

/// <summary>
/// The clustering table of docs/clustering.md: NMI, ARI and purity against the classes, mean and min over MLContext seeds
/// 0..n-1, for k-means on the standardized features, PCA + k-means, autoencoder latent + k-means, and the autoencoder
/// clustering trainer (IDEC), on penguins, the 8x8 digits and Fashion-MNIST's test images. Usage:
///   -- --clustering [--seeds 5] [--sets penguins,digits,fashion] [--methods kmeans,pca,ae,idec] [--rows N]
///      [--latent L] [--hidden 500,500,2000] [--gamma 0.1] [--pretrain-epochs E] [--cluster-epochs E] [--batch B] [--tol T] [--interval I]
/// The last options override the trainer's defaults, to compare settings. With --k-range 2-6, prints the latent
/// silhouette for each k instead (see <see cref="ClusterCountScan"/>).
/// </summary>
internal static class ClusteringBenchmark
{
    public static bool TryRun(string[] args)
    {
        if (!args.Contains("--clustering"))
            return false;
        int seeds = int.Parse(Option(args, "--seeds") ?? "5", CultureInfo.InvariantCulture);
        int rows = int.Parse(Option(args, "--rows") ?? int.MaxValue.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        string[] sets = (Option(args, "--sets") ?? "penguins,digits,fashion").Split(',');
        string[] methods = (Option(args, "--methods") ?? "kmeans,pca,ae,idec").Split(',');
        if (Option(args, "--k-range") is { } range)
        {
            int from = int.Parse(range.Split('-')[0], CultureInfo.InvariantCulture), to = int.Parse(range.Split('-')[1], CultureInfo.InvariantCulture);
            foreach (string name in sets)
                Console.WriteLine(ClusterCountScan.Run(ClusteringSet.Load(name, rows), from, to, seeds).ToMarkdown("Set", "k", "Latent silhouette", "NMI"));
            return true;
        }
        var table = new ResultTable();
        foreach (string name in sets)
        {
            var set = ClusteringSet.Load(name, rows);
            Console.WriteLine($"{set.Name}: {set.Features.Length:N0} rows x {set.Features[0].Length} standardized features, k = {set.K}, from {set.Source}.");
            foreach (string method in methods)
                table.Add(Measure(set, method, seeds, args));
        }
        Console.WriteLine();
        Console.WriteLine($"Seeds 0-{seeds - 1}; NMI with arithmetic normalization (scikit-learn's default); fit seconds are the mean wall-clock and process CPU time of one fit on {Environment.ProcessorCount} cores.");
        Console.WriteLine(table.ToMarkdown("Set", "Method", "NMI mean", "NMI min", "ARI mean", "ARI min", "Purity mean", "Purity min", "Fit s", "Fit CPU s"));
        return true;
    }

    private static string[] Measure(ClusteringSet set, string method, int seeds, string[] args)
    {
        var nmi = new List<double>();
        var ari = new List<double>();
        var purity = new List<double>();
        var seconds = new List<double>();
        var cpuSeconds = new List<double>();
        string label = "";
        for (int seed = 0; seed < seeds; seed++)
        {
            var ml = new MLContext(seed);
            var data = ml.Data.Cache(Load(ml, set));
            var (name, pipeline) = Pipeline(ml, set, method, args);
            label = name;
            double cpu = ProcessMemory.CpuSeconds();
            var clock = Stopwatch.StartNew();
            var model = pipeline.Fit(data);
            seconds.Add(clock.Elapsed.TotalSeconds);
            cpuSeconds.Add(ProcessMemory.CpuSeconds() - cpu);
            uint[] clusters = [.. model.Transform(data).GetColumn<uint>("PredictedLabel")];
            string epochs = model is Transforms.Clustering.AutoencoderClusteringTransformer trained
                ? $", {trained.PretrainingLossHistory.Count} + {trained.ClusteringLossHistory.Count} epochs" : "";
            (model as IDisposable)?.Dispose();
            nmi.Add(ClusterMetrics.NormalizedMutualInformation(set.Classes, clusters));
            ari.Add(ClusterMetrics.AdjustedRandIndex(set.Classes, clusters));
            purity.Add(ClusterMetrics.Purity(set.Classes, clusters));
            Console.Error.WriteLine($"  {set.Name} {name} seed {seed}: NMI {nmi[^1]:F3}, ARI {ari[^1]:F3}, purity {purity[^1]:F3}, {seconds[^1]:F1} s ({cpuSeconds[^1]:F1} CPU s){epochs}");
        }
        return [set.Name, label, F(nmi.Average()), F(nmi.Min()), F(ari.Average()), F(ari.Min()), F(purity.Average()), F(purity.Min()),
            seconds.Average().ToString("F1", CultureInfo.InvariantCulture), cpuSeconds.Average().ToString("F1", CultureInfo.InvariantCulture)];
    }

    private static (string Name, IEstimator<ITransformer> Pipeline) Pipeline(MLContext ml, ClusteringSet set, string method, string[] args)
    {
        int d = set.Features[0].Length;
        var defaults = new AutoencoderClusteringOptions();
        int latent = int.Parse(Option(args, "--latent") ?? Math.Min(AutoencoderClusteringDefaults.MaxLatentDimension, Math.Max(2, d / 2)).ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        return method switch
        {
            "kmeans" => ("k-means on the standardized features", ml.Clustering.Trainers.KMeans("Features", numberOfClusters: set.K)),
            "pca" => ($"PCA (rank {latent}) + k-means", ml.Transforms.ProjectToPrincipalComponents("Latent", "Features", rank: latent)
                .Append(ml.Clustering.Trainers.KMeans("Latent", numberOfClusters: set.K))),
            "ae" => ($"Autoencoder(latentDimension: {latent}) + k-means", ml.Transforms.Autoencoder("Latent", "Features", latentDimension: latent)
                .Append(ml.Clustering.Trainers.KMeans("Latent", numberOfClusters: set.K))),
            "idec" => ("Clustering.Trainers.Autoencoder (IDEC)", ml.Clustering.Trainers.Autoencoder(new AutoencoderClusteringOptions
            {
                NumberOfClusters = set.K,
                LatentDimension = Option(args, "--latent") is null ? null : latent,
                HiddenLayers = Option(args, "--hidden")?.Split(',').Select(int.Parse).ToArray(),
                ClusteringWeight = float.Parse(Option(args, "--gamma") ?? defaults.ClusteringWeight.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture),
                PretrainingEpochs = int.Parse(Option(args, "--pretrain-epochs") ?? defaults.PretrainingEpochs.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture),
                ClusteringEpochs = int.Parse(Option(args, "--cluster-epochs") ?? defaults.ClusteringEpochs.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture),
                Tolerance = float.Parse(Option(args, "--tol") ?? defaults.Tolerance.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture),
                TargetUpdateInterval = Option(args, "--interval") is { } interval ? int.Parse(interval, CultureInfo.InvariantCulture) : null,
                BatchSize = Option(args, "--batch") is { } batch ? int.Parse(batch, CultureInfo.InvariantCulture) : null,
            })),
            _ => throw new ArgumentException($"Unknown method '{method}'. Methods: kmeans, pca, ae, idec."),
        };
    }

    internal static IDataView Load(MLContext ml, ClusteringSet set)
    {
        var schema = SchemaDefinition.Create(typeof(FeatureRow));
        schema[nameof(FeatureRow.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, set.Features[0].Length);
        return ml.Data.LoadFromEnumerable(set.Features.Select(f => new FeatureRow { Features = f }), schema);
    }

    private static string F(double value) => value.ToString("F3", CultureInfo.InvariantCulture);

    private static string? Option(string[] args, string name)
    {
        int i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    private sealed class FeatureRow
    {
        public float[] Features { get; set; } = [];
    }
}
