using OxyPlot;
using OxyPlot.Annotations;
using OxyPlot.Axes;
using OxyPlot.Legends;
using OxyPlot.Series;

namespace MLNet.Autoencoders.Examples.Scenarios.WineAnomaly;

/// <summary>A histogram of anomaly scores, inliers and outliers stacked in two colours, with the threshold as a line.</summary>
internal static class ScoreHistogram
{
    private static readonly OxyColor InlierColor = OxyColor.FromRgb(86, 180, 233);   // sky blue (Okabe–Ito)
    private static readonly OxyColor OutlierColor = OxyColor.FromRgb(213, 94, 0);    // vermillion
    private static readonly OxyColor ThresholdColor = OxyColor.FromRgb(40, 40, 40);

    /// <summary>
    /// Bins <paramref name="scores"/> on a log scale (reconstruction errors are skewed: most rows near the bottom,
    /// a long tail), stacks inliers and outliers per bin, and marks <paramref name="threshold"/>.
    /// </summary>
    public static PlotModel Create(string title, IReadOnlyList<float> scores, IReadOnlyList<bool> isOutlier, float threshold, int binCount = 24)
    {
        double low = Math.Log10(Math.Min(scores.Min(), threshold)) - 0.05;
        double high = Math.Log10(Math.Max(scores.Max(), threshold)) + 0.05;
        double width = (high - low) / binCount;
        var inliers = new int[binCount];
        var outliers = new int[binCount];
        for (int i = 0; i < scores.Count; i++)
        {
            int bin = Math.Clamp((int)((Math.Log10(scores[i]) - low) / width), 0, binCount - 1);
            (isOutlier[i] ? outliers : inliers)[bin]++;
        }

        var model = new PlotModel
        {
            Title = title,
            Background = OxyColors.White,
            DefaultFontSize = 14,
            TitleFontSize = 17,
            TitleFontWeight = FontWeights.Normal,
            PlotAreaBorderColor = OxyColors.Gray,
        };
        model.Axes.Add(new LogarithmicAxis
        {
            Position = AxisPosition.Bottom,
            Title = "Anomaly score (mean squared reconstruction error, z-score units; log scale)",
            Minimum = Math.Pow(10, low),
            Maximum = Math.Pow(10, high),
            MajorGridlineStyle = LineStyle.Dot,
            MajorGridlineColor = OxyColors.LightGray,
        });
        model.Axes.Add(new LinearAxis
        {
            Position = AxisPosition.Left,
            Title = "Wines",
            Minimum = 0,
            MaximumPadding = 0.08,
            MajorGridlineStyle = LineStyle.Dot,
            MajorGridlineColor = OxyColors.LightGray,
        });
        model.Legends.Add(new Legend
        {
            LegendPlacement = LegendPlacement.Inside,
            LegendPosition = LegendPosition.TopLeft,
            LegendBackground = OxyColor.FromAColor(220, OxyColors.White),
            LegendBorder = OxyColors.LightGray,
            LegendFontSize = 14,
        });

        // Outliers sit on top of inliers in the same bin.
        var inlierBars = new RectangleBarSeries { Title = $"Inliers ({isOutlier.Count(o => !o)})", FillColor = InlierColor, StrokeColor = OxyColors.White, StrokeThickness = 1 };
        var outlierBars = new RectangleBarSeries { Title = $"Planted outliers ({isOutlier.Count(o => o)})", FillColor = OutlierColor, StrokeColor = OxyColors.White, StrokeThickness = 1 };
        for (int bin = 0; bin < binCount; bin++)
        {
            double x0 = Math.Pow(10, low + bin * width), x1 = Math.Pow(10, low + (bin + 1) * width);
            if (inliers[bin] > 0)
                inlierBars.Items.Add(new RectangleBarItem(x0, 0, x1, inliers[bin]));
            if (outliers[bin] > 0)
                outlierBars.Items.Add(new RectangleBarItem(x0, inliers[bin], x1, inliers[bin] + outliers[bin]));
        }
        model.Series.Add(inlierBars);
        model.Series.Add(outlierBars);

        int flagged = scores.Count(s => s > threshold);
        model.Annotations.Add(new LineAnnotation
        {
            Type = LineAnnotationType.Vertical,
            X = threshold,
            Color = ThresholdColor,
            LineStyle = LineStyle.Dash,
            StrokeThickness = 2,
            Text = $"threshold {threshold:G3}: {flagged} flagged",
            TextColor = ThresholdColor,
            TextOrientation = AnnotationTextOrientation.Vertical,
            TextVerticalAlignment = VerticalAlignment.Top,
            TextHorizontalAlignment = HorizontalAlignment.Right,
            TextMargin = 6,
        });
        return model;
    }
}
