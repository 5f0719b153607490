using System.Diagnostics;
using System.Globalization;
using Microsoft.ML;
using MLNet.Autoencoders.Estimators;
using MLNet.Autoencoders.Examples.Scenarios.FashionMnist;
using MLNet.Autoencoders.Examples.Shared;
using MLNet.Autoencoders.Transforms;

namespace MLNet.Autoencoders.Examples.Scenarios.SemiSupervisedFashion;

/// <summary>
/// Semi-supervised classification of Fashion-MNIST: keep 1%, 5%, 25% or 100% of the training labels and compare the test
/// accuracy of (a) the supervised autoencoder (reconstruction of every image + cross-entropy on the labelled ones),
/// (b) the same network without the reconstruction term, (c) SdcaMaximumEntropy on the labelled images' pixels, (d) a
/// two-stage baseline, an autoencoder trained on every image then SdcaMaximumEntropy on the labelled images' codes,
/// (e) the supervised autoencoder fine-tuned from that pre-trained autoencoder and (f) its frozen encoder with a linear head.
/// </summary>
internal static class SemiSupervisedFashion
{
    private const int Seed = 1;
    private static readonly double[] Fractions = [0.01, 0.05, 0.25, 1.0];

    public static void Run(RunSize size)
    {
        var images = FashionImages.Load(fullTrainingCount: size.Rows(6_000), fullTestCount: size.Rows(5_000), sampleTestFraction: 0.5);
        var training = size.Take(images.Training);
        var test = size.Take(images.Test);
        Console.WriteLine($"Data: {images.Source}");
        Console.WriteLine($"Using {training.Length:N0} training and {test.Length:N0} test images (a subset of the 60,000 training images keeps the run to minutes on 2 shared cores; one training thread each).");

        var ml = new MLContext(seed: Seed);
        // The key type holds the ten class names in Fashion-MNIST's own order; an empty class name maps to the missing key 0 (unlabelled).
        var classOrder = FashionImages.ClassNames.Select(name => new LabelledImage { Features = new float[FashionImages.PixelCount], Class = name });
        var keys = ml.Transforms.Conversion.MapValueToKey("Label", nameof(LabelledImage.Class)).Fit(ml.Data.LoadFromEnumerable(classOrder));
        var testData = keys.Transform(ml.Data.LoadFromEnumerable(LabelFractions.All(test)));
        int epochs = size.Epochs(40);

        var clock = Stopwatch.StartNew();
        using var pretrained = ml.Transforms.Autoencoder(Training(new AutoencoderOptions { HiddenLayers = [256] }, epochs)).Fit(keys.Transform(ml.Data.LoadFromEnumerable(LabelFractions.All(training))));
        LossCheck.ThrowIfNotFinite("pre-trained autoencoder", pretrained.LossHistory);
        Console.WriteLine($"Pre-trained a {pretrained.Architecture} autoencoder on all {training.Length:N0} training images (no labels) in {clock.Elapsed.TotalSeconds:F0} s.");

        var methods = new (string Name, double[] Accuracy)[]
        {
            ("(a) supervised autoencoder", new double[Fractions.Length]),
            ("(b) same network, no reconstruction", new double[Fractions.Length]),
            ("(c) SdcaMaximumEntropy on pixels", new double[Fractions.Length]),
            ("(d) autoencoder codes + SdcaMaximumEntropy", new double[Fractions.Length]),
            ("(e) (a) fine-tuned from the pre-trained autoencoder", new double[Fractions.Length]),
            ("(f) frozen pre-trained encoder + linear head", new double[Fractions.Length]),
        };
        Microsoft.ML.Data.MulticlassClassificationMetrics? confusionAtFive = null;
        IReadOnlyList<string> classNames = [];
        for (int f = 0; f < Fractions.Length; f++)
        {
            var rows = LabelFractions.Keep(training, Fractions[f], Seed + f);
            int labelled = rows.Count(r => r.Class != "");
            var data = keys.Transform(ml.Data.LoadFromEnumerable(rows));
            var labelledOnly = keys.Transform(ml.Data.LoadFromEnumerable(rows.Where(r => r.Class != "")));
            clock.Restart();

            using (var model = ml.MulticlassClassification.Trainers.Autoencoder(Options(epochs, reconstructionWeight: 1)).Fit(data))
            {
                LossCheck.ThrowIfNotFinite("supervised autoencoder", model.LossHistory);
                var metrics = ml.MulticlassClassification.Evaluate(model.Transform(testData));
                methods[0].Accuracy[f] = metrics.MicroAccuracy;
                if (Fractions[f] == 0.05)
                {
                    confusionAtFive = metrics;
                    classNames = model.Classes.Names;
                }
            }
            using (var model = ml.MulticlassClassification.Trainers.Autoencoder(Options(epochs, reconstructionWeight: 0)).Fit(data))
                methods[1].Accuracy[f] = ml.MulticlassClassification.Evaluate(model.Transform(testData)).MicroAccuracy;

            var sdca = ml.MulticlassClassification.Trainers.SdcaMaximumEntropy(maximumNumberOfIterations: size.IsSmoke ? 2 : 30);
            methods[2].Accuracy[f] = ml.MulticlassClassification.Evaluate(sdca.Fit(labelledOnly).Transform(testData)).MicroAccuracy;

            var codes = ml.MulticlassClassification.Trainers.SdcaMaximumEntropy(featureColumnName: "Latent", maximumNumberOfIterations: size.IsSmoke ? 2 : 30);
            methods[3].Accuracy[f] = ml.MulticlassClassification.Evaluate(codes.Fit(pretrained.Transform(labelledOnly)).Transform(pretrained.Transform(testData))).MicroAccuracy;

            var fineTune = Options(epochs, reconstructionWeight: 1);
            fineTune.PretrainedAutoencoder = pretrained;
            using (var model = ml.MulticlassClassification.Trainers.Autoencoder(fineTune).Fit(data))
                methods[4].Accuracy[f] = ml.MulticlassClassification.Evaluate(model.Transform(testData)).MicroAccuracy;

            var frozen = Options(epochs, reconstructionWeight: 1);
            frozen.PretrainedAutoencoder = pretrained;
            frozen.FreezeEncoder = true;
            frozen.HeadHiddenLayers = [];
            using (var model = ml.MulticlassClassification.Trainers.Autoencoder(frozen).Fit(data))
                methods[5].Accuracy[f] = ml.MulticlassClassification.Evaluate(model.Transform(testData)).MicroAccuracy;

            Console.WriteLine($"{Fractions[f] * 100,5:0.#}% of the labels ({labelled:N0} images): " +
                string.Join(", ", methods.Select(m => $"{m.Name[..3]} {m.Accuracy[f]:P1}")) + $"  [{clock.Elapsed.TotalSeconds:F0} s]");
        }

        PrintTable(methods);
        string plot = DataFiles.Output("semi-supervised-fashion-accuracy.png");
        Plots.SaveSideBySide(plot, 900, 560, AccuracyPlot.Create($"Fashion-MNIST test accuracy vs labels kept ({training.Length:N0} training images)", Fractions, methods));
        Console.WriteLine($"Saved the accuracy-vs-labels plot to {plot}");
        if (confusionAtFive is not null)
        {
            string matrix = DataFiles.Output("semi-supervised-fashion-confusion-5pct.png");
            Plots.SaveSideBySide(matrix, 820, 720, ConfusionMatrixPlot.Create($"(a) supervised autoencoder, 5% of the labels: accuracy {confusionAtFive.MicroAccuracy:P1}",
                classNames, confusionAtFive.ConfusionMatrix.Counts));
            Console.WriteLine($"Saved the confusion matrix of (a) at 5% labels to {matrix}");
        }
    }

    /// <summary>The supervised autoencoder of (a) and (b): a dense 784-256-32 encoder (mirrored decoder) and a 32-64-10 classifier head.</summary>
    private static AutoencoderMulticlassOptions Options(int epochs, float reconstructionWeight) =>
        Training(new AutoencoderMulticlassOptions { HiddenLayers = [256], HeadHiddenLayers = [64], ReconstructionWeight = reconstructionWeight }, epochs);

    /// <summary>What every network of the scenario shares: a 32-value code, 40 epochs of batches of 128, pixels scaled to [0, 1], one thread.</summary>
    private static T Training<T>(T options, int epochs) where T : AutoencoderTrainingOptions
    {
        options.LatentDimension = 32;
        options.Epochs = epochs;
        options.BatchSize = 128;
        options.LearningRate = 0.002f;
        options.Scaling = InputScaling.GlobalMinMax;
        options.ValidationFraction = 0;
        options.NumberOfThreads = 1;
        options.Seed = Seed;
        return options;
    }

    private static void PrintTable(IReadOnlyList<(string Name, double[] Accuracy)> methods)
    {
        Console.WriteLine();
        Console.WriteLine("| Method | " + string.Join(" | ", Fractions.Select(f => (f * 100).ToString("0.#", CultureInfo.InvariantCulture) + "% labels")) + " |");
        Console.WriteLine("|---|" + string.Concat(Fractions.Select(_ => "---:|")));
        foreach (var (name, accuracy) in methods)
            Console.WriteLine($"| {name} | " + string.Join(" | ", accuracy.Select(a => a.ToString("P1", CultureInfo.InvariantCulture))) + " |");
        Console.WriteLine();
    }
}
