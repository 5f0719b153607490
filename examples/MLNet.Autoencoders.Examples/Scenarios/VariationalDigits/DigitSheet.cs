using SkiaSharp;

namespace MLNet.Autoencoders.Examples.Scenarios.VariationalDigits;

/// <summary>Draws 8 x 8 digits as a sheet of tiles (dark ink on white, one square per pixel) with SkiaSharp.</summary>
internal sealed class DigitSheet : IDisposable
{
    private const int Margin = 24;
    private const int TitleHeight = 40;
    private const int SubtitleHeight = 26;
    private readonly SKSurface surface;
    private readonly int tile;
    private readonly int gap;
    private readonly int left;
    private readonly int top;

    /// <param name="rows">Rows of tiles.</param>
    /// <param name="columns">Columns of tiles.</param>
    /// <param name="title">Drawn above the tiles.</param>
    /// <param name="tile">Tile side in pixels (a multiple of 8 keeps the pixels square).</param>
    /// <param name="gap">Space between tiles in pixels.</param>
    /// <param name="leftLabelWidth">Room left of the tiles for row labels.</param>
    /// <param name="subtitle">A smaller second line under the title, if any.</param>
    public DigitSheet(int rows, int columns, string title, int tile = 32, int gap = 6, int leftLabelWidth = 0, string? subtitle = null)
    {
        this.tile = tile;
        this.gap = gap;
        left = Margin + leftLabelWidth;
        top = Margin + TitleHeight + (subtitle is null ? 0 : SubtitleHeight);
        using var font = new SKPaint { Color = new SKColor(30, 30, 30), TextSize = 20, IsAntialias = true, Typeface = SKTypeface.FromFamilyName("DejaVu Sans") };
        using var small = new SKPaint { Color = new SKColor(90, 90, 90), TextSize = 15, IsAntialias = true, Typeface = SKTypeface.FromFamilyName("DejaVu Sans") };
        float textWidth = Math.Max(font.MeasureText(title), subtitle is null ? 0 : small.MeasureText(subtitle));
        int width = Math.Max(left + columns * (tile + gap) - gap, Margin + (int)Math.Ceiling(textWidth)) + Margin;
        int height = top + rows * (tile + gap) - gap + Margin;
        surface = SKSurface.Create(new SKImageInfo(width, height));
        surface.Canvas.Clear(SKColors.White);
        surface.Canvas.DrawText(title, Margin, Margin + 22, font);
        if (subtitle is not null)
            surface.Canvas.DrawText(subtitle, Margin, Margin + 22 + SubtitleHeight, small);
    }

    /// <summary>Draws <paramref name="pixels"/> (64 values, 0 = blank, 16 = full ink; clamped) in tile (row, column).</summary>
    public void Draw(int row, int column, ReadOnlySpan<float> pixels, SKColor? frame = null)
    {
        int x0 = left + column * (tile + gap), y0 = top + row * (tile + gap);
        float cell = (float)tile / Digit.Side;
        using var paint = new SKPaint { IsAntialias = false };
        for (int i = 0; i < Digit.Side; i++)
        {
            for (int j = 0; j < Digit.Side; j++)
            {
                float ink = Math.Clamp(pixels[i * Digit.Side + j] / Digit.MaxInk, 0, 1);
                byte level = (byte)Math.Round(255 * (1 - ink));
                paint.Color = new SKColor(level, level, level);
                surface.Canvas.DrawRect(x0 + j * cell, y0 + i * cell, cell, cell, paint);
            }
        }
        float width = frame is null ? 1 : 3;
        using var stroke = new SKPaint { Color = frame ?? new SKColor(215, 215, 215), Style = SKPaintStyle.Stroke, StrokeWidth = width, IsAntialias = true };
        surface.Canvas.DrawRect(x0 - width / 2, y0 - width / 2, tile + width, tile + width, stroke);
    }

    /// <summary>Writes <paramref name="text"/> left of tile row <paramref name="row"/>.</summary>
    public void RowLabel(int row, string text)
    {
        using var font = new SKPaint { Color = new SKColor(60, 60, 60), TextSize = 16, IsAntialias = true, Typeface = SKTypeface.FromFamilyName("DejaVu Sans") };
        float y = top + row * (tile + gap) + tile / 2f + 6;
        surface.Canvas.DrawText(text, Margin, y, font);
    }

    public void Save(string path)
    {
        using var image = surface.Snapshot();
        using var data = image.Encode(SKEncodedImageFormat.Png, quality: 100);
        using var file = File.Create(path);
        data.SaveTo(file);
    }

    public void Dispose() => surface.Dispose();
}
