using System.Collections.Immutable;
using Microsoft.ML;
using Microsoft.ML.Data;
using MLNet.Autoencoders.Transforms.Networks;

namespace MLNet.Autoencoders.Estimators;

/// <summary>
/// Works out the image shape of a convolutional autoencoder's input column, from <see cref="ConvolutionalNetworkOptions.ImageShape"/>
/// or the column's vector dimensions, and checks that the encoder's blocks fit it. Errors name the column, the
/// expected and the actual values.
/// </summary>
internal static class ConvolutionalInputShape
{
    /// <summary>
    /// The check <c>GetOutputSchema</c> can make without vector sizes: a declared shape must fit the blocks.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The declared shape's height or width is not divisible by 2 to the number of blocks.</exception>
    public static void CheckDeclared(string columnName, ConvolutionalNetworkOptions options)
    {
        if (options.ImageShape is { } declared)
            CheckBlocks(columnName, declared, options.Channels.Length);
        if (options is ConvolutionalAutoencoderOptions { TargetColumnName: { } target, TargetImageShape: { } targetShape })
            CheckBlocks(target, targetShape, options.Channels.Length);
    }

    /// <summary>The shape of the images in <paramref name="column"/>, a known-size vector of <see cref="float"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The shape is unknown, does not match the vector's size or dimensions, or does not fit the blocks.</exception>
    public static ImageShape Resolve(DataViewSchema.Column column, ConvolutionalNetworkOptions options) =>
        Resolve(column, options.ImageShape, nameof(options.ImageShape), options.Channels.Length);

    /// <summary>The shape of the paired target images in <paramref name="column"/>, from <see cref="ConvolutionalAutoencoderOptions.TargetImageShape"/> or the column's dimensions.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The shape is unknown, does not match the vector's size or dimensions, or does not fit the blocks.</exception>
    public static ImageShape ResolveTarget(DataViewSchema.Column column, ConvolutionalAutoencoderOptions options) =>
        Resolve(column, options.TargetImageShape, nameof(options.TargetImageShape), options.Channels.Length);

    private static ImageShape Resolve(DataViewSchema.Column column, ImageShape? declaredShape, string optionName, int blocks)
    {
        var vector = (VectorDataViewType)column.Type;
        var dimensions = vector.Dimensions;
        ImageShape image;
        if (declaredShape is { } declared)
        {
            if (declared.Size != vector.Size)
            {
                throw new ArgumentOutOfRangeException("input",
                    $"Schema mismatch for input column '{column.Name}': {optionName} {declared} needs vectors of {declared.Size} values " +
                    $"(channels x height x width), but the column holds {vector.Size}.");
            }
            if (dimensions.Length > 1 && !Matches(declared, dimensions))
            {
                throw new ArgumentOutOfRangeException("input",
                    $"Schema mismatch for input column '{column.Name}': {optionName} is {declared}, but the column's dimensions are {string.Join("x", dimensions)}. " +
                    $"Leave {optionName} unset to use the column's dimensions.");
            }
            image = declared;
        }
        else
        {
            image = dimensions.Length switch
            {
                3 => new ImageShape(dimensions[0], dimensions[1], dimensions[2]),
                2 => new ImageShape(1, dimensions[0], dimensions[1]),
                _ => throw new ArgumentOutOfRangeException("input",
                    $"Input column '{column.Name}' is a vector of {vector.Size} values without image dimensions. " +
                    $"Set {optionName} (channels, height, width), or make the column with ExtractPixels, which records them."),
            };
        }
        CheckBlocks(column.Name, image, blocks);
        return image;
    }

    private static bool Matches(ImageShape shape, ImmutableArray<int> dimensions) => dimensions.Length switch
    {
        3 => dimensions[0] == shape.Channels && dimensions[1] == shape.Height && dimensions[2] == shape.Width,
        2 => shape.Channels == 1 && dimensions[0] == shape.Height && dimensions[1] == shape.Width,
        _ => false,
    };

    private static void CheckBlocks(string columnName, ImageShape image, int blocks)
    {
        if (ConvolutionalArchitecture.ShapeProblem(image, blocks) is not { } problem)
            return;
        string hint = image.Width <= 4 && image.Channels > 4
            ? " The dimensions look interleaved (height, width, channels): extract the pixels planar (ExtractPixels with interleavePixelColors: false)."
            : " Resize the images (ResizeImages) or use fewer Channels blocks.";
        throw new ArgumentOutOfRangeException("input", $"Input column '{columnName}' holds {image} images (channels x height x width), but {problem}.{hint}");
    }
}
