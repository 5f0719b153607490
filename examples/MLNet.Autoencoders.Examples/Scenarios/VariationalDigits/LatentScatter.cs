using OxyPlot;
using OxyPlot.Axes;
using OxyPlot.Legends;
using OxyPlot.Series;

namespace MLNet.Autoencoders.Examples.Scenarios.VariationalDigits;

/// <summary>A scatter plot of 2-D codes, one colour per digit class.</summary>
internal static class LatentScatter
{
    // Ten distinguishable colours (Matplotlib's tab10), one per digit.
    private static readonly OxyColor[] Palette =
    [
        OxyColor.FromRgb(31, 119, 180), OxyColor.FromRgb(255, 127, 14), OxyColor.FromRgb(44, 160, 44), OxyColor.FromRgb(214, 39, 40),
        OxyColor.FromRgb(148, 103, 189), OxyColor.FromRgb(140, 86, 75), OxyColor.FromRgb(227, 119, 194), OxyColor.FromRgb(127, 127, 127),
        OxyColor.FromRgb(188, 189, 34), OxyColor.FromRgb(23, 190, 207),
    ];

    /// <summary>The colour of digit <paramref name="label"/>, as SkiaSharp wants it.</summary>
    public static SkiaSharp.SKColor Colour(int label) => new(Palette[label].R, Palette[label].G, Palette[label].B);

    public static PlotModel Create(string title, IReadOnlyList<float[]> codes, IReadOnlyList<int> labels, double extent)
    {
        var model = new PlotModel
        {
            Title = title,
            Background = OxyColors.White,
            DefaultFontSize = 14,
            TitleFontSize = 17,
            TitleFontWeight = FontWeights.Normal,
        };
        model.Axes.Add(Axis(AxisPosition.Bottom, "z[0] (posterior mean)", extent));
        model.Axes.Add(Axis(AxisPosition.Left, "z[1] (posterior mean)", extent));
        model.Legends.Add(new Legend
        {
            LegendPlacement = LegendPlacement.Outside,
            LegendPosition = LegendPosition.RightTop,
            LegendTitle = "digit",
            LegendFontSize = 14,
        });
        for (int digit = 0; digit < 10; digit++)
        {
            var series = new ScatterSeries
            {
                Title = digit.ToString(System.Globalization.CultureInfo.InvariantCulture),
                MarkerType = MarkerType.Circle,
                MarkerSize = 3,
                MarkerFill = OxyColor.FromAColor(200, Palette[digit]),
                MarkerStroke = OxyColors.Undefined,
            };
            for (int i = 0; i < codes.Count; i++)
            {
                if (labels[i] == digit)
                    series.Points.Add(new ScatterPoint(codes[i][0], codes[i][1]));
            }
            model.Series.Add(series);
        }
        return model;
    }

    private static LinearAxis Axis(AxisPosition position, string title, double extent) => new()
    {
        Position = position,
        Title = title,
        Minimum = -extent,
        Maximum = extent,
        MajorGridlineStyle = LineStyle.Dot,
        MajorGridlineColor = OxyColors.LightGray,
    };
}
