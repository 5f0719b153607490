using System.Globalization;
using SkiaSharp;

namespace MLNet.Autoencoders.Examples.Scenarios.GapFilling;

/// <summary>
/// Draws rows of temperature panels with SkiaSharp: one row per day, one panel per view of it (truth, clouds,
/// fillings), a shared colour scale with its colour bar, cloud outlines on the filled panels and a caption under each.
/// </summary>
internal sealed class FieldPanels : IDisposable
{
    private const int Cell = 7;
    private const int Panel = Scene.Side * Cell;
    private const int Gap = 18;
    private const int Left = 140;
    private const int Top = 96;
    private const int CaptionHeight = 34;
    private const int ColourBarWidth = 110;
    private static readonly SKColor CloudColour = new(236, 236, 236);

    // Matplotlib's RdYlBu, reversed: blue for cold, red for warm.
    private static readonly SKColor[] ColourMap =
    [
        new(49, 54, 149), new(69, 117, 180), new(116, 173, 209), new(171, 217, 233), new(224, 243, 248),
        new(254, 224, 144), new(253, 174, 97), new(244, 109, 67), new(215, 48, 39), new(165, 0, 38),
    ];

    private readonly SKSurface surface;
    private readonly float minimum;
    private readonly float maximum;

    public FieldPanels(string title, string subtitle, IReadOnlyList<string> columnTitles, int rows, float minimum, float maximum)
    {
        this.minimum = minimum;
        this.maximum = maximum;
        int width = Left + columnTitles.Count * (Panel + Gap) + ColourBarWidth;
        int height = Top + rows * (Panel + CaptionHeight + Gap) + 10;
        surface = SKSurface.Create(new SKImageInfo(width, height));
        var canvas = surface.Canvas;
        canvas.Clear(SKColors.White);
        using var big = Text(21, new SKColor(30, 30, 30));
        using var small = Text(15, new SKColor(90, 90, 90));
        using var header = Text(17, new SKColor(40, 40, 40));
        canvas.DrawText(title, 24, 34, big);
        canvas.DrawText(subtitle, 24, 58, small);
        for (int c = 0; c < columnTitles.Count; c++)
            canvas.DrawText(columnTitles[c], X(c) + Panel / 2f - header.MeasureText(columnTitles[c]) / 2, Top - 10, header);
        DrawColourBar(rows);
    }

    /// <summary>Draws <paramref name="values"/> (°C, row-major) in panel (row, column); pixels where <paramref name="clouds"/> is set are drawn as cloud, or outlined.</summary>
    public void Draw(int row, int column, float[] values, bool[]? clouds = null, bool outlineClouds = false)
    {
        var canvas = surface.Canvas;
        float x0 = X(column), y0 = Y(row);
        using var paint = new SKPaint { IsAntialias = false };
        for (int i = 0; i < Scene.Side; i++)
        {
            for (int j = 0; j < Scene.Side; j++)
            {
                int k = i * Scene.Side + j;
                paint.Color = clouds is not null && clouds[k] && !outlineClouds ? CloudColour : Colour(values[k]);
                canvas.DrawRect(x0 + j * Cell, y0 + i * Cell, Cell, Cell, paint);
            }
        }
        if (clouds is not null && outlineClouds)
            DrawOutline(x0, y0, clouds);
        using var frame = new SKPaint { Color = new SKColor(160, 160, 160), Style = SKPaintStyle.Stroke, StrokeWidth = 1 };
        canvas.DrawRect(x0 - 0.5f, y0 - 0.5f, Panel + 1, Panel + 1, frame);
    }

    /// <summary>Writes a caption under panel (row, column).</summary>
    public void Caption(int row, int column, string text)
    {
        using var font = Text(15, new SKColor(40, 40, 40));
        surface.Canvas.DrawText(text, X(column) + Panel / 2f - font.MeasureText(text) / 2, Y(row) + Panel + 22, font);
    }

    /// <summary>Writes a label (up to two lines) left of panel row <paramref name="row"/>.</summary>
    public void RowLabel(int row, string line1, string line2)
    {
        using var font = Text(16, new SKColor(40, 40, 40));
        using var small = Text(14, new SKColor(90, 90, 90));
        surface.Canvas.DrawText(line1, 20, Y(row) + Panel / 2f - 4, font);
        surface.Canvas.DrawText(line2, 20, Y(row) + Panel / 2f + 16, small);
    }

    public void Save(string path)
    {
        using var image = surface.Snapshot();
        using var data = image.Encode(SKEncodedImageFormat.Png, quality: 100);
        using var file = File.Create(path);
        data.SaveTo(file);
    }

    public void Dispose() => surface.Dispose();

    private static float X(int column) => Left + column * (Panel + Gap);

    private static float Y(int row) => Top + row * (Panel + CaptionHeight + Gap);

    private void DrawOutline(float x0, float y0, bool[] clouds)
    {
        using var line = new SKPaint { Color = new SKColor(20, 20, 20, 200), StrokeWidth = 1.5f, IsAntialias = true };
        bool Cloudy(int i, int j) => i >= 0 && j >= 0 && i < Scene.Side && j < Scene.Side && clouds[i * Scene.Side + j];
        for (int i = 0; i < Scene.Side; i++)
        {
            for (int j = 0; j < Scene.Side; j++)
            {
                if (!Cloudy(i, j))
                    continue;
                float left = x0 + j * Cell, top = y0 + i * Cell;
                if (!Cloudy(i - 1, j) && i > 0) surface.Canvas.DrawLine(left, top, left + Cell, top, line);
                if (!Cloudy(i + 1, j) && i < Scene.Side - 1) surface.Canvas.DrawLine(left, top + Cell, left + Cell, top + Cell, line);
                if (!Cloudy(i, j - 1) && j > 0) surface.Canvas.DrawLine(left, top, left, top + Cell, line);
                if (!Cloudy(i, j + 1) && j < Scene.Side - 1) surface.Canvas.DrawLine(left + Cell, top, left + Cell, top + Cell, line);
            }
        }
    }

    private void DrawColourBar(int rows)
    {
        var canvas = surface.Canvas;
        float x = surface.Canvas.DeviceClipBounds.Width - ColourBarWidth + 14, top = Top, height = rows * (Panel + CaptionHeight + Gap) - Gap - CaptionHeight;
        using var paint = new SKPaint { IsAntialias = false };
        for (int p = 0; p < height; p++)
        {
            paint.Color = Colour(maximum - (maximum - minimum) * p / (height - 1));
            canvas.DrawRect(x, top + p, 22, 1, paint);
        }
        using var frame = new SKPaint { Color = new SKColor(120, 120, 120), Style = SKPaintStyle.Stroke, StrokeWidth = 1 };
        canvas.DrawRect(x, top, 22, height, frame);
        using var font = Text(14, new SKColor(40, 40, 40));
        for (float t = MathF.Ceiling(minimum / 2) * 2; t <= maximum; t += 2)
        {
            float y = top + (maximum - t) / (maximum - minimum) * (height - 1);
            canvas.DrawLine(x + 22, y, x + 27, y, frame);
            canvas.DrawText(t.ToString("F0", CultureInfo.InvariantCulture), x + 31, y + 5, font);
        }
        canvas.DrawText("°C", x, top - 10, font);
    }

    private SKColor Colour(float value)
    {
        if (!float.IsFinite(value))
            return SKColors.Magenta;
        float t = Math.Clamp((value - minimum) / (maximum - minimum), 0, 1) * (ColourMap.Length - 1);
        int i = Math.Min((int)t, ColourMap.Length - 2);
        float f = t - i;
        SKColor a = ColourMap[i], b = ColourMap[i + 1];
        return new SKColor((byte)(a.Red + f * (b.Red - a.Red)), (byte)(a.Green + f * (b.Green - a.Green)), (byte)(a.Blue + f * (b.Blue - a.Blue)));
    }

    private static SKPaint Text(float size, SKColor colour) =>
        new() { Color = colour, TextSize = size, IsAntialias = true, Typeface = SKTypeface.FromFamilyName("DejaVu Sans") };
}
