using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLNet.Autoencoders.Cli;

/// <summary>
/// The CSV loaded with ML.NET's <see cref="TextLoader"/>: one <c>Single</c> column per numeric CSV column (empty cells
/// load as NaN), text columns left out; and which numeric columns are the features.
/// </summary>
internal sealed record FeatureData(IDataView Data, string[] FeatureColumns)
{
    /// <summary>The name of the vector column the numeric columns are concatenated into.</summary>
    public const string FeaturesColumn = "Features";

    public static FeatureData Load(MLContext ml, CsvTable table, IReadOnlyCollection<string> ignore, string? label, TextWriter output)
    {
        foreach (var name in ignore.Append(label).OfType<string>())
            if (table.IndexOf(name) < 0)
                throw new CliInputException($"'{table.Path}' has no column '{name}'. Its columns: {string.Join(", ", table.Header)}.");

        var numeric = Enumerable.Range(0, table.Header.Length).Where(c => table.IsNumeric[c]).ToArray();
        var features = numeric.Select(c => table.Header[c]).Where(n => n != label && !ignore.Contains(n)).ToArray();
        var text = Enumerable.Range(0, table.Header.Length).Where(c => !table.IsNumeric[c]).Select(c => table.Header[c]).ToArray();
        if (features.Length == 0)
            throw new CliInputException($"'{table.Path}' has no numeric column to use as a feature (text columns: {List(text)}; ignored: {List(ignore)}).");

        output.WriteLine($"Features ({features.Length}): {string.Join(", ", features)}");
        if (text.Length > 0)
            output.WriteLine($"Ignored, not numeric: {string.Join(", ", text)}");
        var dropped = ignore.Where(n => table.IsNumeric[table.IndexOf(n)]).ToArray();
        if (dropped.Length > 0)
            output.WriteLine($"Ignored, --ignore: {string.Join(", ", dropped)}");
        if (label is not null)
            output.WriteLine($"Label: {label}");

        var loader = ml.Data.CreateTextLoader(new TextLoader.Options
        {
            Separators = [','],
            HasHeader = true,
            AllowQuoting = true,
            MissingRealsAsNaNs = true,
            Columns = numeric.Select(c => new TextLoader.Column(table.Header[c], DataKind.Single, c)).ToArray(),
        });
        return new FeatureData(loader.Load(table.Path), features);
    }

    /// <summary>Output rows are the CSV's rows with columns added, so ML.NET must have read as many rows as the CSV has.</summary>
    public static void CheckRowCount(int loadedRows, CsvTable table)
    {
        if (loadedRows != table.Rows.Count)
            throw new CliInputException($"ML.NET read {loadedRows} rows from '{table.Path}', but it has {table.Rows.Count} (are there comment lines or line breaks inside quotes?).");
    }

    private static string List(IEnumerable<string> names) => names.Any() ? string.Join(", ", names) : "none";
}
