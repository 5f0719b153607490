using OxyPlot;
using OxyPlot.Axes;
using OxyPlot.Legends;
using OxyPlot.Series;

namespace MLNet.Autoencoders.Examples.Scenarios.SemiSupervisedFashion;

/// <summary>Test accuracy against the fraction of training labels kept, one line per method, on a log axis.</summary>
internal static class AccuracyPlot
{
    private static readonly OxyColor[] Palette =
    [
        OxyColor.FromRgb(213, 94, 0), OxyColor.FromRgb(0, 114, 178), OxyColor.FromRgb(0, 158, 115),
        OxyColor.FromRgb(204, 121, 167), OxyColor.FromRgb(230, 159, 0), OxyColors.Black,
    ];

    public static PlotModel Create(string title, IReadOnlyList<double> fractions, IReadOnlyList<(string Method, double[] Accuracy)> lines)
    {
        var model = new PlotModel { Title = title, Background = OxyColors.White, DefaultFontSize = 14, TitleFontSize = 17, TitleFontWeight = FontWeights.Normal };
        model.Axes.Add(new LogarithmicAxis
        {
            Position = AxisPosition.Bottom,
            Title = "Training labels kept (%)",
            Minimum = fractions.Min() * 100 * 0.8,
            Maximum = fractions.Max() * 100 * 1.25,
            MajorGridlineStyle = LineStyle.Dot,
            MajorGridlineColor = OxyColors.LightGray,
        });
        model.Axes.Add(new LinearAxis
        {
            Position = AxisPosition.Left,
            Title = "Test accuracy",
            MajorGridlineStyle = LineStyle.Dot,
            MajorGridlineColor = OxyColors.LightGray,
            MinimumPadding = 0.05,
            MaximumPadding = 0.05,
        });
        model.Legends.Add(new Legend { LegendPlacement = LegendPlacement.Inside, LegendPosition = LegendPosition.RightBottom, LegendFontSize = 13 });
        for (int i = 0; i < lines.Count; i++)
        {
            var series = new LineSeries
            {
                Title = lines[i].Method,
                Color = Palette[i % Palette.Length],
                MarkerType = MarkerType.Circle,
                MarkerSize = 4,
                MarkerFill = Palette[i % Palette.Length],
                StrokeThickness = 2,
            };
            for (int j = 0; j < fractions.Count; j++)
                series.Points.Add(new DataPoint(fractions[j] * 100, lines[i].Accuracy[j]));
            model.Series.Add(series);
        }
        return model;
    }
}
