using System.Globalization;

namespace MLNet.Autoencoders.Benchmarks.AnomalyDev;

/// <summary>
/// One set of the anomaly-dev collection: a CSV with header <c>f0,...,f{d-1},label</c>, numeric features and a 0/1 label
/// (1 = outlier). Features are kept row-major in one array, as read.
/// </summary>
/// <param name="Name">The file name without <c>.csv</c>.</param>
/// <param name="Features">Rows × <paramref name="Dimension"/> values, row-major.</param>
/// <param name="Rows">The number of rows.</param>
/// <param name="Dimension">The number of features.</param>
/// <param name="Labels"><see langword="true"/> for an outlier.</param>
internal sealed record AnomalySet(string Name, double[] Features, int Rows, int Dimension, bool[] Labels)
{
    /// <summary>The number of outliers.</summary>
    public int Outliers => Labels.Count(l => l);

    /// <summary>Row <paramref name="row"/>'s features.</summary>
    public ReadOnlySpan<double> Row(int row) => Features.AsSpan(row * Dimension, Dimension);

    /// <summary>Reads <paramref name="path"/>; every line must have the header's field count, the last field 0 or 1.</summary>
    public static AnomalySet Load(string path)
    {
        using var reader = new StreamReader(path);
        string header = reader.ReadLine() ?? throw new InvalidDataException($"'{path}' is empty.");
        string[] names = header.Split(',');
        if (names[^1] != "label")
            throw new InvalidDataException($"'{path}' must end its header with 'label'. Got '{names[^1]}'.");
        int dimension = names.Length - 1;
        var features = new List<double>();
        var labels = new List<bool>();
        int lineNumber = 1;
        for (string? line = reader.ReadLine(); line is not null; line = reader.ReadLine())
        {
            lineNumber++;
            if (line.Length == 0)
                continue;
            string[] fields = line.Split(',');
            if (fields.Length != dimension + 1)
                throw new InvalidDataException($"'{path}' line {lineNumber} has {fields.Length} fields; the header has {dimension + 1}.");
            for (int j = 0; j < dimension; j++)
                features.Add(double.Parse(fields[j], NumberStyles.Float, CultureInfo.InvariantCulture));
            labels.Add(fields[^1] switch
            {
                "1" => true,
                "0" => false,
                _ => throw new InvalidDataException($"'{path}' line {lineNumber}: label must be 0 or 1. Got '{fields[^1]}'."),
            });
        }
        return new AnomalySet(Path.GetFileNameWithoutExtension(path), [.. features], labels.Count, dimension, [.. labels]);
    }
}
