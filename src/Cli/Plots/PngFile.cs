using OxyPlot;

namespace MLNet.Autoencoders.Cli.Plots;

/// <summary>Renders a plot to a PNG file with OxyPlot.SkiaSharp, as examples/MLNet.Autoencoders.Examples does, written atomically.</summary>
internal static class PngFile
{
    public const int Width = 900;
    public const int Height = 600;

    public static void Write(string path, PlotModel plot) =>
        AtomicFile.Write(path, temporary =>
        {
            using var file = File.Create(temporary);
            new OxyPlot.SkiaSharp.PngExporter { Width = Width, Height = Height }.Export(plot, file);
        });

    /// <summary>A white plot with the examples' fonts.</summary>
    public static PlotModel NewPlot(string title) => new()
    {
        Title = title,
        Background = OxyColors.White,
        DefaultFontSize = 14,
        TitleFontSize = 17,
        TitleFontWeight = FontWeights.Normal,
        PlotAreaBorderColor = OxyColors.Gray,
    };
}
