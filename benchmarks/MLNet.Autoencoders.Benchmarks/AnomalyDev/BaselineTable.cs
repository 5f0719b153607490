using System.Globalization;

namespace MLNet.Autoencoders.Benchmarks.AnomalyDev;

/// <summary>The scikit-learn IF and KNN5 AUCs of each set, read from the collection's <c>baselines.md</c> table.</summary>
internal sealed class BaselineTable
{
    private readonly Dictionary<string, (double IsolationForest, double NearestNeighbours)> rows;

    private BaselineTable(Dictionary<string, (double, double)> rows) => this.rows = rows;

    /// <summary>
    /// Reads the markdown table whose header has "set", "IF" and "KNN5" columns; the bold means row is skipped. A folder
    /// without the file (sets of one's own) has no baselines.
    /// </summary>
    public static BaselineTable Load(string path)
    {
        var rows = new Dictionary<string, (double, double)>();
        if (!File.Exists(path))
            return new BaselineTable(rows);
        int setColumn = -1, forestColumn = -1, neighbourColumn = -1;
        foreach (string line in File.ReadLines(path).Where(l => l.StartsWith('|')))
        {
            string[] cells = [.. line.Trim('|').Split('|').Select(c => c.Trim())];
            if (setColumn < 0)
            {
                setColumn = Array.IndexOf(cells, "set");
                forestColumn = Array.IndexOf(cells, "IF");
                neighbourColumn = Array.IndexOf(cells, "KNN5");
                if (setColumn < 0 || forestColumn < 0 || neighbourColumn < 0)
                    throw new InvalidDataException($"'{path}': the first table's header must have 'set', 'IF' and 'KNN5' columns. Got '{line}'.");
                continue;
            }
            if (cells[setColumn].StartsWith("---", StringComparison.Ordinal) || cells[setColumn].StartsWith("**", StringComparison.Ordinal))
                continue;
            rows[cells[setColumn]] = (
                double.Parse(cells[forestColumn], CultureInfo.InvariantCulture),
                double.Parse(cells[neighbourColumn], CultureInfo.InvariantCulture));
        }
        return new BaselineTable(rows);
    }

    /// <summary>The baselines of set <paramref name="name"/>, or <see langword="null"/> when the table has no such row.</summary>
    public (double IsolationForest, double NearestNeighbours)? Find(string name) =>
        rows.TryGetValue(name, out var baseline) ? baseline : null;
}
