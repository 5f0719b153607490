using System.Diagnostics;
using Microsoft.ML;
using Microsoft.ML.Data;
using MLNet.Autoencoders.Estimators;
using MLNet.Autoencoders.Examples.Scenarios.FashionMnist;
using MLNet.Autoencoders.Examples.Shared;
using MLNet.Autoencoders.Transforms;

namespace MLNet.Autoencoders.Examples.Scenarios.Upscaling;

/// <summary>
/// Paired targets: a convolutional encoder-decoder trained to turn 14x14 Fashion-MNIST images into the 28x28 images they were
/// shrunk from (<c>TargetColumnName</c>), against nearest-neighbour and bicubic upscaling, on test images it never saw.
/// </summary>
internal static class Upscaling
{
    private const int Epochs = 15;
    private const int LatentSize = 256;

    public static void Run(RunSize size)
    {
        var ml = new MLContext(seed: 1);
        var sets = FashionImages.Load(fullTrainingCount: 10_000, fullTestCount: 1_000, sampleTestFraction: 0.2);
        sets = sets with { Training = size.Take(sets.Training), Test = size.Take(sets.Test) };
        Console.WriteLine($"Data: {sets.Source}");
        Console.WriteLine("Each 28x28 image is shrunk to 14x14 by averaging 2x2 blocks; the task is to get the 28x28 image back.");
        var training = Pairs(sets.Training);
        var test = Pairs(sets.Test);

        // One halving block: 14 and 28 must both be divisible by 2 to the number of blocks.
        var options = new ConvolutionalAutoencoderOptions
        {
            InputColumnName = nameof(ImagePair.Small),
            TargetColumnName = nameof(ImagePair.Large),
            Channels = [32],
            LatentDimension = LatentSize,
            Scaling = InputScaling.None,
            OutputActivation = OutputActivation.Sigmoid,
            Epochs = size.Epochs(Epochs),
            Seed = 1,
        };
        var watch = Stopwatch.StartNew();
        using var model = ml.Transforms.ConvolutionalAutoencoder(options).Fit(ml.Data.LoadFromEnumerable(training));
        LossCheck.ThrowIfNotFinite("upscaler", model.LossHistory);
        Console.WriteLine($"Fitted {model.Architecture}: {model.LossHistory.Count} epochs on {training.Length:N0} pairs in {watch.Elapsed.TotalSeconds:F1} s.");

        var scored = model.Transform(ml.Data.LoadFromEnumerable(test));
        var learned = PixelMath.Vectors(scored, "Reconstruction");
        float[][] truth = [.. test.Select(p => p.Large)];
        float[][] nearest = [.. test.Select(p => Resampling.NearestNeighbour(p.Small))];
        float[][] bicubic = [.. test.Select(p => Resampling.Bicubic(p.Small))];
        double learnedError = PixelMath.MeanSquaredError(learned, truth);
        double bicubicError = PixelMath.MeanSquaredError(bicubic, truth);
        double nearestError = PixelMath.MeanSquaredError(nearest, truth);

        Console.WriteLine();
        Console.WriteLine($"Upscaling the {test.Length:N0} test images from 14x14 to 28x28 (MSE against the originals, pixels in [0, 1]):");
        Console.WriteLine($"  nearest neighbour          {nearestError:F5}");
        Console.WriteLine($"  bicubic (a = -0.5)         {bicubicError:F5}");
        Console.WriteLine($"  convolutional upscaler     {learnedError:F5}   ({(1 - learnedError / bicubicError) * 100:F0}% below bicubic)");
        Console.WriteLine($"  ReconstructionError column {scored.GetColumn<float>("ReconstructionError").Average():F5}   (the transformer's own error against the Large column)");

        int[] shown = [.. Enumerable.Range(0, Math.Min(10, test.Length))];
        string gridPath = DataFiles.Output("fashion-mnist-upscaling.png");
        ImageGrid.Save(gridPath,
            "Fashion-MNIST upscaled from 14x14 to 28x28",
            $"MSE over all {test.Length:N0} test images, pixels in [0, 1]",
            [.. shown.Select(i => FashionImages.ClassNames[sets.Test[i].Label])],
            [
                new GridRow("Input, 14x14\n(shown enlarged)", [.. shown.Select(i => nearest[i])]),
                new GridRow($"Bicubic\nMSE {bicubicError:F5}", [.. shown.Select(i => bicubic[i])]),
                new GridRow($"Convolutional upscaler\nTargetColumnName\nMSE {learnedError:F5}", [.. shown.Select(i => learned[i])]),
                new GridRow("Original, 28x28", [.. shown.Select(i => truth[i])]),
            ]);
        Console.WriteLine($"Saved inputs, bicubic and learned upscalings and the originals to {gridPath}");
    }

    private static ImagePair[] Pairs(IEnumerable<FashionImage> images) =>
        [.. images.Select(image => PixelMath.ToUnit(image.Pixels)).Select(large => new ImagePair { Small = Resampling.Halve(large), Large = large })];
}
