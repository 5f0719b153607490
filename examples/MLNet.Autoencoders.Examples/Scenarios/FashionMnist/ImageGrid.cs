using SkiaSharp;

namespace MLNet.Autoencoders.Examples.Scenarios.FashionMnist;

/// <summary>Draws rows of small grey images, each row labelled on the left and each column titled on top, into a PNG.</summary>
internal static class ImageGrid
{
    private const int Scale = 3;
    private const int Cell = FashionImages.Side * Scale;
    private const int Gap = 8;
    private const int LabelWidth = 245;
    private const int TitleHeight = 64;
    private const int HeaderHeight = 26;
    private const int Margin = 16;

    public static void Save(string path, string title, string subtitle, IReadOnlyList<string> columnTitles, IReadOnlyList<GridRow> rows)
    {
        int columns = rows.Max(r => r.Images.Count);
        int width = Margin + LabelWidth + columns * (Cell + Gap) - Gap + Margin;
        int height = TitleHeight + HeaderHeight + rows.Count * (Cell + Gap) - Gap + Margin;
        using var surface = SKSurface.Create(new SKImageInfo(width, height));
        var canvas = surface.Canvas;
        canvas.Clear(SKColors.White);

        using var titlePaint = TextPaint(20, SKColors.Black);
        using var labelPaint = TextPaint(14, new SKColor(40, 40, 40));
        using var headerPaint = TextPaint(13, new SKColor(90, 90, 90));
        canvas.DrawText(title, Margin, 28, titlePaint);
        canvas.DrawText(subtitle, Margin, 50, headerPaint);

        int left = Margin + LabelWidth;
        for (int c = 0; c < columnTitles.Count && c < columns; c++)
        {
            float textWidth = headerPaint.MeasureText(columnTitles[c]);
            canvas.DrawText(columnTitles[c], left + c * (Cell + Gap) + (Cell - textWidth) / 2, TitleHeight + 16, headerPaint);
        }

        using var framePaint = new SKPaint { Color = new SKColor(200, 200, 200), Style = SKPaintStyle.Stroke, StrokeWidth = 1 };
        using var pixelPaint = new SKPaint { FilterQuality = SKFilterQuality.None }; // crisp, enlarged pixels
        for (int r = 0; r < rows.Count; r++)
        {
            int top = TitleHeight + HeaderHeight + r * (Cell + Gap);
            DrawLabel(canvas, rows[r].Label, Margin, top + Cell / 2, labelPaint);
            for (int c = 0; c < rows[r].Images.Count; c++)
            {
                var destination = SKRect.Create(left + c * (Cell + Gap), top, Cell, Cell);
                using var bitmap = ToBitmap(rows[r].Images[c]);
                canvas.DrawBitmap(bitmap, destination, pixelPaint);
                canvas.DrawRect(destination, framePaint);
            }
        }

        using var snapshot = surface.Snapshot();
        using var data = snapshot.Encode(SKEncodedImageFormat.Png, 100);
        using var file = File.Create(path);
        data.SaveTo(file);
    }

    /// <summary>Draws a label of one or more lines ("first line\nsecond line"), vertically centred on <paramref name="middle"/>; the first line in bold.</summary>
    private static void DrawLabel(SKCanvas canvas, string label, float x, float middle, SKPaint paint)
    {
        var lines = label.Split('\n');
        float lineHeight = paint.TextSize * 1.3f;
        float y = middle - (lines.Length - 1) * lineHeight / 2 + paint.TextSize * 0.35f;
        using var bold = paint.Clone();
        bold.Typeface = SKTypeface.FromFamilyName("DejaVu Sans", SKFontStyle.Bold) ?? paint.Typeface;
        for (int i = 0; i < lines.Length; i++)
        {
            canvas.DrawText(lines[i], x, y, i == 0 ? bold : paint);
            y += lineHeight;
        }
    }

    private static SKBitmap ToBitmap(float[] pixels)
    {
        var bitmap = new SKBitmap(new SKImageInfo(FashionImages.Side, FashionImages.Side, SKColorType.Gray8, SKAlphaType.Opaque));
        var bytes = pixels.Select(p => (byte)Math.Clamp(MathF.Round(p * 255), 0, 255)).ToArray();
        System.Runtime.InteropServices.Marshal.Copy(bytes, 0, bitmap.GetPixels(), bytes.Length);
        return bitmap;
    }

    private static SKPaint TextPaint(float size, SKColor color) => new()
    {
        Color = color,
        TextSize = size,
        IsAntialias = true,
        Typeface = SKTypeface.FromFamilyName("DejaVu Sans") ?? SKTypeface.Default,
    };
}
