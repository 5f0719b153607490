using System.Diagnostics;
using Microsoft.ML;
using Microsoft.ML.Data;
using MLNet.Autoencoders.Estimators;
using MLNet.Autoencoders.Examples.Shared;
using MLNet.Autoencoders.Transforms;

namespace MLNet.Autoencoders.Examples.Scenarios.FashionMnist;

/// <summary>
/// Fashion-MNIST: a dense autoencoder on the flattened images against a convolutional one, a denoising
/// convolutional autoencoder, decoder-only generation, the ImageAnalytics image path and save/load.
/// </summary>
internal static class FashionMnist
{
    private const int LatentSize = 16;
    private const int Epochs = 20;
    private const double NoiseLevel = 0.3; // standard deviation, pixels in [0, 1]: while training (NoiseLevel) and on the test images

    // One libtorch thread per fit: these small networks gain little from a second core, and on a busy 2-core machine
    // two threads waiting on each other made the dense fit ten times slower.
    private const int Threads = 1;

    /// <summary>Runs the scenario; <paramref name="size"/> sets the images used and the epochs.</summary>
    public static void Run(RunSize size)
    {
        var ml = new MLContext(seed: 1);
        var sets = FashionImages.Load(fullTrainingCount: 8_000, fullTestCount: 1_000, sampleTestFraction: 0.2);
        sets = sets with { Training = size.Take(sets.Training), Test = size.Take(sets.Test) };
        int epochs = size.Epochs(Epochs);
        Console.WriteLine($"Data: {sets.Source}");
        IDataView training = PixelMath.ToDataView(ml, sets.Training);
        IDataView test = PixelMath.ToDataView(ml, sets.Test);
        float[][] clean = [.. sets.Test.Select(image => PixelMath.ToUnit(image.Pixels))];

        // The pixels are in [0, 1] already: no scaling (the convolutional default, GlobalMinMax, would do the same here).
        // Per-pixel scaling (MinMax or Standardize) would blow up border pixels that barely vary in training when noise lands on them.
        var denseOptions = new AutoencoderOptions
        {
            InputColumnName = "Pixels", LatentDimension = LatentSize, HiddenLayers = [256], Scaling = InputScaling.None,
            Epochs = epochs, Seed = 1, NumberOfThreads = Threads,
        };
        var convolutionalOptions = new ConvolutionalAutoencoderOptions
        {
            InputColumnName = "Pixels", LatentDimension = LatentSize, Scaling = InputScaling.None,
            Epochs = epochs, Seed = 1, NumberOfThreads = Threads,
        };
        var denoisingOptions = new ConvolutionalAutoencoderOptions
        {
            InputColumnName = "Pixels", LatentDimension = LatentSize, Scaling = InputScaling.None,
            Epochs = epochs, Seed = 1, NumberOfThreads = Threads,
            Noise = NoiseKind.Gaussian, NoiseLevel = (float)NoiseLevel,
        };

        Console.WriteLine($"Fitting three autoencoders with a {LatentSize}-number code, at most {epochs} epochs each, on pixels in [0, 1] ...");
        using var dense = Fit("dense", ml.Transforms.Autoencoder(denseOptions), training);
        using var convolutional = Fit("convolutional", ml.Transforms.ConvolutionalAutoencoder(convolutionalOptions), training);
        using var denoising = Fit("denoising convolutional", ml.Transforms.ConvolutionalAutoencoder(denoisingOptions), training);

        var denseReconstruction = PixelMath.Vectors(dense.Transform(test), "Reconstruction");
        var convolutionalReconstruction = PixelMath.Vectors(convolutional.Transform(test), "Reconstruction");
        Console.WriteLine();
        Console.WriteLine($"Reconstruction of the {clean.Length:N0} test images (MSE with pixels in [0, 1]):");
        Console.WriteLine($"{"Model",-15}{"Parameters",11}{"Test MSE",10}   Architecture");
        long denseParameters = PrintModel("Dense", dense, denseReconstruction, clean);
        long convolutionalParameters = PrintModel("Convolutional", convolutional, convolutionalReconstruction, clean);

        var noisyImages = PixelMath.WithGaussianNoise(sets.Test, NoiseLevel * 255, seed: 2);
        IDataView noisy = PixelMath.ToDataView(ml, noisyImages);
        float[][] noisyPixels = [.. noisyImages.Select(image => PixelMath.ToUnit(image.Pixels))];
        var denoised = PixelMath.Vectors(denoising.Transform(noisy), "Reconstruction");
        double noisyError = PixelMath.MeanSquaredError(noisyPixels, clean);
        double denoisedError = PixelMath.MeanSquaredError(denoised, clean);
        Console.WriteLine();
        Console.WriteLine($"Denoising: Gaussian noise of standard deviation {NoiseLevel} added to the test images' pixels (clipped to [0, 1]);");
        Console.WriteLine($"the denoising autoencoder was trained with the same noise (Noise = Gaussian, NoiseLevel = {NoiseLevel}) on clean targets.");
        Console.WriteLine($"  MSE(noisy, clean)                                  {noisyError:F4}");
        Console.WriteLine($"  MSE(plain convolutional AE on noisy, clean)        {PixelMath.MeanSquaredError(PixelMath.Vectors(convolutional.Transform(noisy), "Reconstruction"), clean):F4}");
        Console.WriteLine($"  MSE(denoising convolutional AE on noisy, clean)    {denoisedError:F4}");

        // Ten test images, one per class where the test set has it.
        int[] shown = PickOnePerClass(sets.Test);
        CheckImagePath(ml, convolutional, [.. shown.Select(i => sets.Test[i])]);

        Console.WriteLine();
        bool reloaded = Reproduces(ml, convolutional, training.Schema, test, "fashion-mnist-convolutional.zip")
            & Reproduces(ml, dense, training.Schema, test, "fashion-mnist-dense.zip");
        using var decoder = convolutional.CreateDecoder("Generated");
        var codes = PixelMath.Vectors(convolutional.Transform(test), "Latent");
        var blends = Blend(codes[shown[^1]], codes[shown[0]], steps: shown.Length);
        IDataView blendView = ml.Data.LoadFromEnumerable(blends.Select(code => new Code { Latent = code }));
        reloaded &= Reproduces(ml, decoder, blendView.Schema, blendView, "fashion-mnist-decoder.zip", "Generated");
        Console.WriteLine($"Saved the convolutional and dense autoencoders and the decoder with ml.Model.Save; reloaded in a new MLContext, they reproduce every output exactly: {(reloaded ? "yes" : "no")}");
        var generated = PixelMath.Vectors(decoder.Transform(blendView), "Generated");

        string gridPath = DataFiles.Output("fashion-mnist-autoencoders.png");
        string first = FashionImages.ClassNames[sets.Test[shown[^1]].Label], last = FashionImages.ClassNames[sets.Test[shown[0]].Label];
        ImageGrid.Save(gridPath,
            $"Fashion-MNIST test images through autoencoders with a {LatentSize}-number code",
            $"MSE: over all {clean.Length:N0} test images, pixels in [0, 1]",
            [.. shown.Select(i => FashionImages.ClassNames[sets.Test[i].Label])],
            [
                new GridRow("Original", [.. shown.Select(i => clean[i])]),
                new GridRow($"Noisy input\nGaussian noise, sd {NoiseLevel}\nMSE {noisyError:F4}", [.. shown.Select(i => noisyPixels[i])]),
                new GridRow($"Denoised\ndenoising conv. AE\nMSE {denoisedError:F4}", [.. shown.Select(i => denoised[i])]),
                new GridRow($"Reconstructed\nconv. AE, {convolutionalParameters:N0} params\nMSE {PixelMath.MeanSquaredError(convolutionalReconstruction, clean):F4}",
                    [.. shown.Select(i => convolutionalReconstruction[i])]),
                new GridRow($"Reconstructed\ndense AE, {denseParameters:N0} params\nMSE {PixelMath.MeanSquaredError(denseReconstruction, clean):F4}",
                    [.. shown.Select(i => denseReconstruction[i])]),
                new GridRow($"Decoder only: codes\nblended from {first}\nto {last}", generated),
            ]);
        Console.WriteLine($"Saved original / noisy / denoised / reconstructed images and decoded blends to {gridPath}");
    }

    private static AutoencoderTransformer Fit(string name, IEstimator<AutoencoderTransformer> estimator, IDataView training)
    {
        var watch = Stopwatch.StartNew();
        var model = estimator.Fit(training);
        Console.WriteLine($"  {name}: {model.LossHistory.Count} epochs in {watch.Elapsed.TotalSeconds:F1} s");
        LossCheck.ThrowIfNotFinite(name, model.LossHistory);
        return model;
    }

    /// <summary>Prints the model's architecture, parameter count and test error; returns the parameter count.</summary>
    private static long PrintModel(string name, AutoencoderTransformer model, float[][] reconstruction, float[][] clean)
    {
        using var network = model.Architecture.CreateNetwork();
        Console.WriteLine($"{name,-15}{network.ParameterCount,11:N0}{PixelMath.MeanSquaredError(reconstruction, clean),10:F4}   {model.Architecture}");
        return network.ParameterCount;
    }

    /// <summary>
    /// Writes <paramref name="images"/> as PNG files, reads them back with LoadImages -> ConvertToGrayscale -> ResizeImages ->
    /// ExtractPixels, and checks that the pixels and the autoencoder's reconstructions equal those of the in-memory vectors.
    /// </summary>
    private static void CheckImagePath(MLContext ml, AutoencoderTransformer model, FashionImage[] images)
    {
        string folder = Path.Combine(Path.GetTempPath(), "MLNet.Autoencoders.Examples", "fashion-mnist-png");
        var files = ImageFiles.WritePngs(images, folder);
        IDataView fromFiles = model.Transform(ImageFiles.LoadPixels(ml, folder, files));
        IDataView fromVectors = model.Transform(PixelMath.ToDataView(ml, images));

        var filePixels = PixelMath.Vectors(fromFiles, "Pixels");
        bool samePixels = PixelMath.BitIdentical(filePixels, [.. images.Select(i => PixelMath.ToUnit(i.Pixels))]);
        bool sameReconstruction = PixelMath.BitIdentical(PixelMath.Vectors(fromFiles, "Reconstruction"), PixelMath.Vectors(fromVectors, "Reconstruction"));
        Console.WriteLine();
        Console.WriteLine($"Image path: wrote {files.Length} test images as PNG files to {folder}, loaded them with LoadImages -> ConvertToGrayscale ->");
        Console.WriteLine($"ResizeImages -> ExtractPixels ({fromFiles.Schema["Pixels"].Type}) and ran the convolutional autoencoder on them.");
        Console.WriteLine($"  pixels equal the source images: {(samePixels ? "yes" : "no")}; reconstructions equal those of the in-memory vectors: {(sameReconstruction ? "yes" : "no")}");
    }

    /// <summary>Saves <paramref name="model"/>, loads it in a new MLContext and compares <paramref name="column"/> on <paramref name="data"/> bit for bit.</summary>
    private static bool Reproduces(MLContext ml, ITransformer model, DataViewSchema schema, IDataView data, string fileName, string column = "Reconstruction")
    {
        string path = DataFiles.Output(fileName);
        ml.Model.Save(model, schema, path);
        var loaded = new MLContext(seed: 1).Model.Load(path, out _);
        try
        {
            return PixelMath.BitIdentical(PixelMath.Vectors(model.Transform(data), column), PixelMath.Vectors(loaded.Transform(data), column));
        }
        finally
        {
            (loaded as IDisposable)?.Dispose();
        }
    }

    private static int[] PickOnePerClass(FashionImage[] images)
    {
        var firsts = Enumerable.Range(0, FashionImages.ClassNames.Length)
            .Select(label => Array.FindIndex(images, image => image.Label == label)).Where(i => i >= 0).ToArray();
        return firsts.Length == FashionImages.ClassNames.Length ? firsts : [.. Enumerable.Range(0, Math.Min(10, images.Length))];
    }

    /// <summary><paramref name="steps"/> codes on the straight line from <paramref name="from"/> to <paramref name="to"/>, both included.</summary>
    private static float[][] Blend(float[] from, float[] to, int steps) =>
        [.. Enumerable.Range(0, steps).Select(s => from.Zip(to, (a, b) => a + (b - a) * s / (float)(steps - 1)).ToArray())];

    private sealed class Code
    {
        [VectorType(LatentSize)]
        public float[] Latent { get; set; } = [];
    }
}
