using System.Globalization;

namespace MLNet.Autoencoders.Transforms.Networks;

/// <summary>
/// The shape of the images in a flat pixel vector, stored planar: channel by channel, each channel row by
/// row. This is the layout <c>mlContext.Transforms.ExtractPixels</c> produces by default
/// (<c>interleavePixelColors: false</c>), whose vector type carries the dimensions (channels, height, width).
/// </summary>
/// <param name="Channels">The number of colour planes, e.g. 1 for grey, 3 for RGB.</param>
/// <param name="Height">The image height in pixels.</param>
/// <param name="Width">The image width in pixels.</param>
public readonly record struct ImageShape(int Channels, int Height, int Width)
{
    /// <summary>The length of the flat vector: channels x height x width.</summary>
    public int Size => checked(Channels * Height * Width);

    /// <summary>Whether every dimension is positive.</summary>
    public bool IsValid => Channels > 0 && Height > 0 && Width > 0 && (long)Channels * Height * Width <= int.MaxValue;

    /// <summary>The shape as "channels x height x width", e.g. "1x28x28".</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Channels}x{Height}x{Width}");
}
