using System.Globalization;
using OxyPlot;
using OxyPlot.Annotations;
using OxyPlot.Axes;
using OxyPlot.Legends;
using OxyPlot.Series;

namespace MLNet.Autoencoders.Cli.Plots;

/// <summary>
/// <c>detect</c>'s histogram of anomaly scores: rows under and over the threshold stacked in two colours, the threshold
/// a dashed line. Like the wine example's, on a log scale when every score is positive (reconstruction errors have a long tail).
/// </summary>
internal static class ScoreHistogramPlot
{
    private const int Bins = 30;
    private static readonly OxyColor Normal = OxyColor.FromRgb(86, 180, 233);     // sky blue (Okabe–Ito)
    private static readonly OxyColor Flagged = OxyColor.FromRgb(213, 94, 0);      // vermillion
    private static readonly OxyColor ThresholdColor = OxyColor.FromRgb(40, 40, 40);

    public static PlotModel Create(string title, IReadOnlyList<float> scores, float threshold)
    {
        var finite = scores.Where(float.IsFinite).Select(s => (double)s).ToArray();
        var logarithmic = finite.All(s => s > 0) && threshold > 0;
        Func<double, double> scale = logarithmic ? Math.Log10 : s => s;
        Func<double, double> unscale = logarithmic ? s => Math.Pow(10, s) : s => s;
        var low = scale(Math.Min(finite.Min(), threshold));
        var high = scale(Math.Max(finite.Max(), threshold));
        var margin = Math.Max((high - low) * 0.02, 1e-6);
        (low, high) = (low - margin, high + margin);
        var width = (high - low) / Bins;
        var under = new int[Bins];
        var over = new int[Bins];
        foreach (var score in finite)
            (score > threshold ? over : under)[Math.Clamp((int)((scale(score) - low) / width), 0, Bins - 1)]++;

        var plot = PngFile.NewPlot(title);
        plot.Axes.Add(logarithmic
            ? new LogarithmicAxis { Position = AxisPosition.Bottom, Title = "Score (log scale)", Minimum = unscale(low), Maximum = unscale(high), MajorGridlineStyle = LineStyle.Dot, MajorGridlineColor = OxyColors.LightGray }
            : new LinearAxis { Position = AxisPosition.Bottom, Title = "Score", Minimum = low, Maximum = high, MajorGridlineStyle = LineStyle.Dot, MajorGridlineColor = OxyColors.LightGray });
        plot.Axes.Add(new LinearAxis { Position = AxisPosition.Left, Title = "Rows", Minimum = 0, MaximumPadding = 0.08, MajorGridlineStyle = LineStyle.Dot, MajorGridlineColor = OxyColors.LightGray });
        plot.Legends.Add(new Legend
        {
            LegendPlacement = LegendPlacement.Inside,
            LegendPosition = LegendPosition.TopLeft,
            LegendBackground = OxyColor.FromAColor(220, OxyColors.White),
            LegendBorder = OxyColors.LightGray,
        });

        var flaggedCount = over.Sum();
        var underBars = new RectangleBarSeries { Title = $"Not flagged ({finite.Length - flaggedCount})", FillColor = Normal, StrokeColor = OxyColors.White, StrokeThickness = 1 };
        var overBars = new RectangleBarSeries { Title = $"Flagged as anomalies ({flaggedCount})", FillColor = Flagged, StrokeColor = OxyColors.White, StrokeThickness = 1 };
        for (var bin = 0; bin < Bins; bin++)
        {
            double x0 = unscale(low + bin * width), x1 = unscale(low + (bin + 1) * width);
            if (under[bin] > 0)
                underBars.Items.Add(new RectangleBarItem(x0, 0, x1, under[bin]));
            if (over[bin] > 0)
                overBars.Items.Add(new RectangleBarItem(x0, under[bin], x1, under[bin] + over[bin]));
        }
        plot.Series.Add(underBars);
        plot.Series.Add(overBars);
        plot.Annotations.Add(new LineAnnotation
        {
            Type = LineAnnotationType.Vertical,
            X = threshold,
            Color = ThresholdColor,
            LineStyle = LineStyle.Dash,
            StrokeThickness = 2,
            Text = string.Create(CultureInfo.InvariantCulture, $"threshold {threshold:G4}"),
            TextColor = ThresholdColor,
            TextOrientation = AnnotationTextOrientation.Vertical,
            TextVerticalAlignment = VerticalAlignment.Top,
            TextHorizontalAlignment = HorizontalAlignment.Right,
            TextMargin = 6,
        });
        return plot;
    }
}
