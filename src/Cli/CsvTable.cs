using System.Globalization;
using System.Text;

namespace MLNet.Autoencoders.Cli;

/// <summary>
/// A CSV file read as text: the header, the raw fields of each row, and which columns are numeric (every
/// non-empty cell parses as a number). Output files are written from these raw fields, so input columns are
/// copied unchanged.
/// </summary>
internal sealed class CsvTable
{
    private CsvTable(string path, string[] header, List<string[]> rows)
    {
        Path = path;
        Header = header;
        Rows = rows;
        IsNumeric = Enumerable.Range(0, header.Length).Select(c => rows.All(r => IsNumberOrEmpty(r[c]))).ToArray();
    }

    public string Path { get; }
    public string[] Header { get; }
    public List<string[]> Rows { get; }
    public bool[] IsNumeric { get; }

    public int IndexOf(string column) => Array.IndexOf(Header, column);

    public static CsvTable Read(string path)
    {
        if (!File.Exists(path))
            throw new CliInputException($"File not found: '{path}'.");
        var lines = File.ReadAllLines(path).Where(l => l.Length > 0).ToList();
        if (lines.Count == 0)
            throw new CliInputException($"'{path}' is empty: expected a header line and rows.");
        var header = Split(lines[0]);
        var duplicate = header.GroupBy(h => h).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new CliInputException($"'{path}' has the column '{duplicate.Key}' twice.");
        var rows = new List<string[]>(lines.Count - 1);
        for (var i = 1; i < lines.Count; i++)
        {
            var fields = Split(lines[i]);
            if (fields.Length != header.Length)
                throw new CliInputException($"'{path}' line {i + 1} has {fields.Length} fields, but the header has {header.Length}.");
            rows.Add(fields);
        }
        if (rows.Count == 0)
            throw new CliInputException($"'{path}' has no rows, only a header.");
        return new CsvTable(path, header, rows);
    }

    public static float ParseCell(string cell) =>
        cell.Length == 0 ? float.NaN : float.Parse(cell, NumberStyles.Float, CultureInfo.InvariantCulture);

    public static string Format(float value) =>
        float.IsNaN(value) ? "" : value.ToString("R", CultureInfo.InvariantCulture);

    public static void Write(TextWriter writer, IEnumerable<string> fields) =>
        writer.WriteLine(string.Join(',', fields.Select(Quote)));

    private static bool IsNumberOrEmpty(string cell) =>
        cell.Length == 0 || float.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out _);

    private static string Quote(string field) =>
        field.IndexOfAny([',', '"', '\n', '\r']) < 0 ? field : "\"" + field.Replace("\"", "\"\"") + "\"";

    private static string[] Split(string line)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"') { field.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else field.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { fields.Add(field.ToString().Trim()); field.Clear(); }
            else field.Append(c);
        }
        fields.Add(field.ToString().Trim());
        return fields.ToArray();
    }
}
