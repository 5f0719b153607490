using OxyPlot;
using OxyPlot.Axes;
using OxyPlot.Legends;
using OxyPlot.Series;
using SkiaSharp;

namespace MLNet.Autoencoders.Examples.Shared;

/// <summary>Small OxyPlot helpers that write PNG files.</summary>
internal static class Plots
{
    // Colour-blind-friendly Okabe–Ito palette, one colour per group in order of appearance.
    private static readonly OxyColor[] Palette =
    [
        OxyColor.FromRgb(230, 159, 0),   // orange
        OxyColor.FromRgb(86, 180, 233),  // sky blue
        OxyColor.FromRgb(0, 158, 115),   // bluish green
        OxyColor.FromRgb(204, 121, 167), // reddish purple
        OxyColor.FromRgb(0, 114, 178),   // blue
        OxyColor.FromRgb(213, 94, 0),    // vermillion
        OxyColor.FromRgb(240, 228, 66),  // yellow
        OxyColors.Black,
    ];

    /// <summary>
    /// A scatter plot of <paramref name="points"/>, one colour and one legend entry per distinct
    /// <paramref name="groups"/> value (sorted by name).
    /// </summary>
    public static PlotModel Scatter(
        string title, string xTitle, string yTitle,
        IReadOnlyList<string> groups, IReadOnlyList<(double X, double Y)> points)
    {
        var model = new PlotModel
        {
            Title = title,
            Background = OxyColors.White,
            DefaultFontSize = 14,
            TitleFontSize = 17,
            TitleFontWeight = FontWeights.Normal,
        };
        model.Axes.Add(Axis(AxisPosition.Bottom, xTitle));
        model.Axes.Add(Axis(AxisPosition.Left, yTitle));
        model.Legends.Add(new Legend
        {
            LegendPlacement = LegendPlacement.Outside,
            LegendPosition = LegendPosition.BottomCenter,
            LegendOrientation = LegendOrientation.Horizontal,
            LegendFontSize = 14,
        });

        var names = groups.Distinct().Order().ToList();
        foreach (var (name, index) in names.Select((name, index) => (name, index)))
        {
            var series = new ScatterSeries
            {
                Title = name,
                MarkerType = MarkerType.Circle,
                MarkerSize = 4,
                MarkerFill = OxyColor.FromAColor(190, Palette[index % Palette.Length]),
                MarkerStroke = OxyColor.FromAColor(120, OxyColors.Black),
                MarkerStrokeThickness = 0.5,
            };
            for (int i = 0; i < points.Count; i++)
            {
                if (groups[i] == name)
                    series.Points.Add(new ScatterPoint(points[i].X, points[i].Y));
            }
            model.Series.Add(series);
        }
        return model;
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

    /// <summary>
    /// Renders <paramref name="panels"/> side by side, each <paramref name="panelWidth"/> ×
    /// <paramref name="height"/> pixels, into one PNG file. OxyPlot has no subplots, so each panel is
    /// exported on its own and the images are composed with SkiaSharp.
    /// </summary>
    public static void SaveSideBySide(string path, int panelWidth, int height, params PlotModel[] panels)
    {
        var exporter = new OxyPlot.SkiaSharp.PngExporter { Width = panelWidth, Height = height };
        var info = new SKImageInfo(panelWidth * panels.Length, height);
        using var surface = SKSurface.Create(info);
        surface.Canvas.Clear(SKColors.White);
        for (int i = 0; i < panels.Length; i++)
        {
            using var png = new MemoryStream();
            exporter.Export(panels[i], png);
            png.Position = 0;
            using var bitmap = SKBitmap.Decode(png);
            surface.Canvas.DrawBitmap(bitmap, i * panelWidth, 0);
        }

        using var image = surface.Snapshot();
        using var data = image.Encode(SKEncodedImageFormat.Png, quality: 100);
        using var file = File.Create(path);
        data.SaveTo(file);
    }
}
