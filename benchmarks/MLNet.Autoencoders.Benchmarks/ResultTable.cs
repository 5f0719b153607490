using System.Text;

namespace MLNet.Autoencoders.Benchmarks;

/// <summary>Rows of results, printed as a markdown table.</summary>
internal sealed class ResultTable
{
    private readonly List<string[]> rows = [];

    public void Add(params string[] cells) => rows.Add(cells);

    public string ToMarkdown(params string[] header)
    {
        var text = new StringBuilder();
        text.AppendLine("| " + string.Join(" | ", header) + " |");
        text.AppendLine("|" + string.Concat(header.Select(_ => "---|")));
        foreach (var row in rows)
            text.AppendLine("| " + string.Join(" | ", row) + " |");
        return text.ToString();
    }
}
