using Microsoft.ML;
using Microsoft.ML.Data;
using SkiaSharp;

namespace MLNet.Autoencoders.Examples.Scenarios.FashionMnist;

/// <summary>
/// The real image path: writes images as PNG files and reads them back with ML.NET's ImageAnalytics,
/// <c>LoadImages -> ConvertToGrayscale -> ResizeImages -> ExtractPixels</c>, into the planar 1x28x28 "Pixels" vector
/// in [0, 1] the autoencoders were trained on.
/// </summary>
internal static class ImageFiles
{
    /// <summary>Writes <paramref name="images"/> to <paramref name="folder"/> as 8-bit grey PNGs; returns their file names in order.</summary>
    public static string[] WritePngs(IReadOnlyList<FashionImage> images, string folder)
    {
        Directory.CreateDirectory(folder);
        var names = new string[images.Count];
        for (int i = 0; i < images.Count; i++)
        {
            names[i] = $"image{i:D3}.png";
            using var bitmap = new SKBitmap(new SKImageInfo(FashionImages.Side, FashionImages.Side, SKColorType.Gray8, SKAlphaType.Opaque));
            var pixels = images[i].Pixels.Select(p => (byte)Math.Clamp(MathF.Round(p), 0, 255)).ToArray();
            System.Runtime.InteropServices.Marshal.Copy(pixels, 0, bitmap.GetPixels(), pixels.Length);
            using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
            using var file = File.Create(Path.Combine(folder, names[i]));
            data.SaveTo(file);
        }
        return names;
    }

    /// <summary>Loads the PNGs named in <paramref name="fileNames"/> from <paramref name="folder"/> as a "Pixels" column of 1x28x28 values in [0, 1].</summary>
    public static IDataView LoadPixels(MLContext ml, string folder, IEnumerable<string> fileNames)
    {
        var paths = ml.Data.LoadFromEnumerable(fileNames.Select(name => new ImagePath { Path = name }));
        var pipeline = ml.Transforms.LoadImages("Image", folder, nameof(ImagePath.Path))
            .Append(ml.Transforms.ConvertToGrayscale("Image"))
            .Append(ml.Transforms.ResizeImages("Image", FashionImages.Side, FashionImages.Side))
            // Planar (the default), one plane (the grey value), scaled to [0, 1] like the training vectors.
            .Append(ml.Transforms.ExtractPixels("Pixels", "Image", colorsToExtract: Microsoft.ML.Transforms.Image.ImagePixelExtractingEstimator.ColorBits.Red,
                scaleImage: PixelMath.Scale));
        return pipeline.Fit(paths).Transform(paths);
    }

    private sealed class ImagePath
    {
        public string Path { get; set; } = "";
    }
}
