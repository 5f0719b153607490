using System.Globalization;
using System.IO.Compression;
using MLNet.Autoencoders.Examples.Scenarios.PenguinsClustering;

namespace MLNet.Autoencoders.Benchmarks.Clustering;

/// <summary>A labelled data set to cluster: standardized features (z-scores; constant features become 0), the classes, and k = the number of classes.</summary>
internal sealed record ClusteringSet(string Name, float[][] Features, int[] Classes, int K, string Source)
{
    private const string FashionFolder = "/usr/share/datasets/fashion-mnist";

    public static ClusteringSet Load(string name, int maxRows) => name switch
    {
        "penguins" => Penguins(maxRows),
        "digits" => Digits(maxRows),
        "fashion" => Fashion(maxRows),
        _ => throw new ArgumentException($"Unknown set '{name}'. Sets: penguins, digits, fashion."),
    };

    /// <summary>The Palmer penguins with all four measurements (342 rows), by species.</summary>
    private static ClusteringSet Penguins(int maxRows)
    {
        var penguins = PenguinsCsv.Load(DataPath("penguins.csv"), out _).Take(maxRows).ToList();
        string[] species = [.. penguins.Select(p => p.Species).Distinct().Order(StringComparer.Ordinal)];
        return Create("penguins", [.. penguins.Select(p => new[] { p.BillLength, p.BillDepth, p.Flipper, p.Mass })],
            [.. penguins.Select(p => Array.IndexOf(species, p.Species))], "examples Data/penguins.csv");
    }

    /// <summary>The 1,797 8x8 handwritten digits, by digit.</summary>
    private static ClusteringSet Digits(int maxRows)
    {
        var rows = File.ReadLines(DataPath("digits.csv")).Skip(1).Where(l => l.Length > 0).Take(maxRows)
            .Select(l => l.Split(',').Select(v => float.Parse(v, CultureInfo.InvariantCulture)).ToArray()).ToList();
        return Create("digits", [.. rows.Select(r => r[..^1])], [.. rows.Select(r => (int)r[^1])], "examples Data/digits.csv");
    }

    /// <summary>Fashion-MNIST's 10,000 test images from dataset-fashion-mnist, else the 2,000-image sample the examples ship.</summary>
    private static ClusteringSet Fashion(int maxRows)
    {
        string images = Path.Combine(FashionFolder, "t10k-images-idx3-ubyte.gz"), labels = Path.Combine(FashionFolder, "t10k-labels-idx1-ubyte.gz");
        if (File.Exists(images) && File.Exists(labels))
        {
            var (pixels, count) = Workload.ReadIdxImages(images, maxRows);
            var features = Enumerable.Range(0, count).Select(i => pixels.AsSpan(i * Workload.Pixels, Workload.Pixels).ToArray()).ToArray();
            return Create("fashion", features, ReadIdxLabels(labels, count), $"{count:N0} Fashion-MNIST test images from {FashionFolder}");
        }
        var sample = File.ReadLines(Path.Combine(AppContext.BaseDirectory, "Data", "fashion-mnist-test-first2000.csv")).Skip(1).Take(maxRows)
            .Select(l => l.Split(',').Select(v => float.Parse(v, CultureInfo.InvariantCulture)).ToArray()).ToList();
        return Create("fashion", [.. sample.Select(r => r[1..].Select(p => p / 255f).ToArray())], [.. sample.Select(r => (int)r[0])],
            $"the {sample.Count:N0}-image Fashion-MNIST sample (install dataset-fashion-mnist for the 10,000 test images)");
    }

    private static ClusteringSet Create(string name, float[][] features, int[] classes, string source) =>
        new(name, Standardize(features), classes, classes.Distinct().Count(), source);

    private static float[][] Standardize(float[][] rows)
    {
        int d = rows[0].Length;
        var result = rows.Select(r => new float[d]).ToArray();
        for (int j = 0; j < d; j++)
        {
            double mean = rows.Average(r => (double)r[j]);
            double sd = Math.Sqrt(rows.Average(r => (r[j] - mean) * (r[j] - mean)));
            for (int i = 0; i < rows.Length; i++)
                result[i][j] = sd > 0 ? (float)((rows[i][j] - mean) / sd) : 0f;
        }
        return result;
    }

    private static int[] ReadIdxLabels(string path, int count)
    {
        using var stream = new BinaryReader(new GZipStream(File.OpenRead(path), CompressionMode.Decompress));
        if (Workload.ReadBigEndian(stream) != 2049)
            throw new InvalidDataException($"{path} is not an IDX label file.");
        int available = Workload.ReadBigEndian(stream);
        return [.. stream.ReadBytes(Math.Min(count, available)).Select(b => (int)b)];
    }

    private static string DataPath(string file) => Path.Combine(AppContext.BaseDirectory, "Data", file);
}
