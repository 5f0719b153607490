using System.Globalization;
using OxyPlot;
using OxyPlot.Axes;
using OxyPlot.Legends;
using OxyPlot.Series;

namespace MLNet.Autoencoders.Cli.Plots;

/// <summary>
/// <c>encode</c>'s scatter of 2-D codes: one point per row, coloured by a column when asked: one colour per value when it
/// has few values, a colour scale when it is numeric with many.
/// </summary>
internal static class LatentScatterPlot
{
    /// <summary>The most distinct values drawn as separate colours; a numeric column with more gets a colour scale.</summary>
    public const int MaxGroups = 10;

    // Matplotlib's tab10, as the variational-digits example uses.
    private static readonly OxyColor[] Palette =
    [
        OxyColor.FromRgb(31, 119, 180), OxyColor.FromRgb(255, 127, 14), OxyColor.FromRgb(44, 160, 44), OxyColor.FromRgb(214, 39, 40),
        OxyColor.FromRgb(148, 103, 189), OxyColor.FromRgb(140, 86, 75), OxyColor.FromRgb(227, 119, 194), OxyColor.FromRgb(127, 127, 127),
        OxyColor.FromRgb(188, 189, 34), OxyColor.FromRgb(23, 190, 207),
    ];

    /// <param name="title">The plot's title.</param>
    /// <param name="codes">Each row's 2-D code.</param>
    /// <param name="colorBy">The column's name and its raw cells, or <see langword="null"/> for one colour.</param>
    /// <param name="numeric">Whether the column's non-empty cells are all numbers.</param>
    public static PlotModel Create(string title, IReadOnlyList<float[]> codes, (string Name, IReadOnlyList<string> Cells)? colorBy, bool numeric)
    {
        var plot = PngFile.NewPlot(title);
        plot.Axes.Add(Axis(AxisPosition.Bottom, "Latent1"));
        plot.Axes.Add(Axis(AxisPosition.Left, "Latent2"));
        if (colorBy is not { } column)
        {
            plot.Series.Add(Series(null, Palette[0], Enumerable.Range(0, codes.Count), codes));
            return plot;
        }

        var groups = column.Cells.Select(c => c.Length == 0 ? "(empty)" : c).Distinct().ToList();
        if (groups.Count <= MaxGroups)
        {
            groups = numeric ? [.. groups.OrderBy(g => g == "(empty)" ? double.PositiveInfinity : double.Parse(g, CultureInfo.InvariantCulture))] : [.. groups.Order(StringComparer.Ordinal)];
            plot.Legends.Add(new Legend { LegendPlacement = LegendPlacement.Outside, LegendPosition = LegendPosition.RightTop, LegendTitle = column.Name });
            for (var g = 0; g < groups.Count; g++)
            {
                var rows = Enumerable.Range(0, codes.Count).Where(r => (column.Cells[r].Length == 0 ? "(empty)" : column.Cells[r]) == groups[g]);
                plot.Series.Add(Series(groups[g], Palette[g % Palette.Length], rows, codes));
            }
            return plot;
        }

        // Many numeric values: a colour scale; rows with an empty cell are drawn in grey.
        var values = column.Cells.Where(c => c.Length > 0).Select(c => double.Parse(c, CultureInfo.InvariantCulture)).ToArray();
        // The scale spans the values, not 0 to the largest (OxyPlot's default).
        plot.Axes.Add(new LinearColorAxis { Position = AxisPosition.Right, Title = column.Name, Palette = OxyPalettes.Viridis(200), Minimum = values.Min(), Maximum = values.Max() });
        var scale = new ScatterSeries { MarkerType = MarkerType.Circle, MarkerSize = 4, MarkerStroke = OxyColors.Undefined };
        var empty = new List<int>();
        for (var r = 0; r < codes.Count; r++)
        {
            if (column.Cells[r].Length == 0)
                empty.Add(r);
            else
                scale.Points.Add(new ScatterPoint(codes[r][0], codes[r][1], value: double.Parse(column.Cells[r], CultureInfo.InvariantCulture)));
        }
        plot.Series.Add(scale);
        if (empty.Count > 0)
            plot.Series.Add(Series(null, OxyColors.Gray, empty, codes));
        return plot;
    }

    private static ScatterSeries Series(string? title, OxyColor colour, IEnumerable<int> rows, IReadOnlyList<float[]> codes)
    {
        var series = new ScatterSeries
        {
            Title = title,
            MarkerType = MarkerType.Circle,
            MarkerSize = 4,
            MarkerFill = OxyColor.FromAColor(190, colour),
            MarkerStroke = OxyColor.FromAColor(120, OxyColors.Black),
            MarkerStrokeThickness = 0.5,
        };
        foreach (var r in rows)
            series.Points.Add(new ScatterPoint(codes[r][0], codes[r][1]));
        return series;
    }

    private static LinearAxis Axis(AxisPosition position, string title) => new()
    {
        Position = position,
        Title = title,
        MajorGridlineStyle = LineStyle.Dot,
        MajorGridlineColor = OxyColors.LightGray,
        MinimumPadding = 0.04,
        MaximumPadding = 0.04,
    };
}
