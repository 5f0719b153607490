using System.Diagnostics;
using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms;
using MLNet.Autoencoders.Estimators;
using MLNet.Autoencoders.Examples.Shared;

namespace MLNet.Autoencoders.Examples.Scenarios.GapFilling;

/// <summary>
/// Fills cloud gaps in satellite images of sea-surface temperature without waiting for the next pass: an autoencoder
/// trained on cloudy images alone (NaN under clouds, TreatNaNAsMissing) learns the field's structure from the
/// pixels it can see, then reconstructs the hidden ones. Compared with per-pixel mean filling (ML.NET's
/// ReplaceMissingValues) on days it has not seen. The field is synthetic (see <see cref="SeaSurfaceField"/>).
/// </summary>
internal static class GapFilling
{
    private const int TrainingDays = 800;
    private const int TestDays = 200;

    /// <summary>Runs the scenario; <paramref name="size"/> sets the training and test days and the epochs.</summary>
    public static void Run(RunSize size)
    {
        int trainingDays = size.Rows(TrainingDays), testDays = size.Rows(TestDays);
        var ml = new MLContext(seed: 1);
        var simulator = new SeaSurfaceField(seed: 2024);
        var truth = new float[trainingDays + testDays][];
        var clouds = new bool[truth.Length][];
        var scenes = new Scene[truth.Length];
        for (int day = 0; day < truth.Length; day++)
        {
            truth[day] = simulator.NextDay();
            clouds[day] = simulator.NextClouds();
            scenes[day] = new Scene { Temperature = truth[day].Select((t, k) => clouds[day][k] ? float.NaN : t).ToArray() };
        }
        double cover = clouds.Average(c => c.Count(x => x)) / Scene.PixelCount;
        Console.WriteLine($"Simulated {truth.Length} daily passes over a {Scene.Side} x {Scene.Side}-pixel patch of synthetic sea-surface temperature;");
        Console.WriteLine($"clouds hide {100 * cover:F0}% of the pixels on average (10% to 50% a day). The first {trainingDays} days train, the last {testDays} test.");
        IDataView training = ml.Data.LoadFromEnumerable(scenes[..trainingDays]);
        IDataView test = ml.Data.LoadFromEnumerable(scenes[trainingDays..]);

        var options = new AutoencoderOptions
        {
            InputColumnName = nameof(Scene.Temperature),
            LatentDimension = 16,
            HiddenLayers = [256],
            Epochs = size.Epochs(150),
            // Clouds are NaN: train on the observed pixels only, fill clouds with each pixel's mean before the encoder,
            // and add the "Imputed" column: the scene with its clouds replaced by the reconstruction.
            TreatNaNAsMissing = true,
            // Masked-autoencoder training: also hide 20% of the clear pixels in every batch, so the network practises filling.
            Noise = NoiseKind.Masking,
            NoiseLevel = 0.2f,
            Seed = 1,
            NumberOfThreads = 1,
            EpochCompleted = epoch =>
            {
                if (epoch.Epoch == 1 || epoch.Epoch % 25 == 0)
                    Console.WriteLine($"  {epoch}");
            },
        };
        Console.WriteLine("Training an autoencoder on the cloudy training scenes (loss over clear pixels only):");
        var watch = Stopwatch.StartNew();
        using var autoencoder = ml.Transforms.Autoencoder(options).Fit(training);
        Console.WriteLine($"Fitted {autoencoder.Architecture} in {watch.Elapsed.TotalSeconds:F1} s ({autoencoder.LossHistory.Count} epochs).");
        LossCheck.ThrowIfNotFinite("autoencoder", autoencoder.LossHistory);

        float[][] autoencoderFilled = [.. autoencoder.Transform(test).GetColumn<float[]>("Imputed")];
        var meanFilling = ml.Transforms.ReplaceMissingValues(nameof(Scene.Temperature), replacementMode: MissingValueReplacingEstimator.ReplacementMode.Mean)
            .Fit(training);
        float[][] meanFilled = [.. meanFilling.Transform(test).GetColumn<float[]>(nameof(Scene.Temperature))];

        var testTruth = truth[trainingDays..];
        var testClouds = clouds[trainingDays..];
        Console.WriteLine();
        Console.WriteLine("RMSE under the clouds of the test days, in °C (lower is better):");
        Console.WriteLine($"{"Cloud cover",-14}{"days",6}{"Autoencoder",13}{"Pixel mean",12}");
        foreach (var (name, low, high) in new[] { ("10-23%", 0.0, 0.233), ("23-37%", 0.233, 0.367), ("37-50%", 0.367, 1.0), ("all", 0.0, 1.0) })
        {
            int[] days = [.. Enumerable.Range(0, testDays).Where(d => Cover(testClouds[d]) is var c && c >= low && c < high)];
            Console.WriteLine($"{name,-14}{days.Length,6}{Rmse(autoencoderFilled, testTruth, testClouds, days),13:F2}{Rmse(meanFilled, testTruth, testClouds, days),12:F2}");
        }
        int[] all = [.. Enumerable.Range(0, testDays)];
        double ratio = Rmse(autoencoderFilled, testTruth, testClouds, all) / Rmse(meanFilled, testTruth, testClouds, all);
        Console.WriteLine($"The autoencoder's gap filling has {100 * (1 - ratio):F0}% lower RMSE than filling each pixel with its mean.");

        string path = DataFiles.Output("gap-filling.png");
        SavePanels(path, testTruth, testClouds, autoencoderFilled, meanFilled);
        Console.WriteLine($"Saved truth / clouds / fillings of three test days to {path}");
    }

    private static void SavePanels(string path, float[][] truth, bool[][] clouds, float[][] autoencoderFilled, float[][] meanFilled)
    {
        // One light, one medium and one heavily clouded test day.
        int[] days = [.. new[] { 0.15, 0.3, 0.45 }.Select(target => Enumerable.Range(0, truth.Length).MinBy(d => Math.Abs(Cover(clouds[d]) - target)))];
        float minimum = MathF.Floor(days.Min(d => truth[d].Min())), maximum = MathF.Ceiling(days.Max(d => truth[d].Max()));
        using var panels = new FieldPanels(
            "Filling cloud gaps in sea-surface temperature (synthetic field, unseen days)",
            "Autoencoder trained on cloudy scenes only (NaN = missing, masked loss); black lines outline the filled clouds",
            ["Truth", "Satellite pass (clouds)", "Autoencoder filling", "Pixel-mean filling"], days.Length, minimum, maximum);
        for (int r = 0; r < days.Length; r++)
        {
            int d = days[r];
            int[] one = [d];
            panels.RowLabel(r, $"Test day {d + 1}", $"{100 * Cover(clouds[d]):F0}% cloud");
            panels.Draw(r, 0, truth[d]);
            panels.Draw(r, 1, truth[d], clouds[d]);
            panels.Draw(r, 2, autoencoderFilled[d], clouds[d], outlineClouds: true);
            panels.Draw(r, 3, meanFilled[d], clouds[d], outlineClouds: true);
            panels.Caption(r, 2, string.Create(CultureInfo.InvariantCulture, $"RMSE under clouds {Rmse(autoencoderFilled, truth, clouds, one):F2} °C"));
            panels.Caption(r, 3, string.Create(CultureInfo.InvariantCulture, $"RMSE under clouds {Rmse(meanFilled, truth, clouds, one):F2} °C"));
        }
        panels.Save(path);
    }

    private static double Cover(bool[] clouds) => (double)clouds.Count(c => c) / clouds.Length;

    /// <summary>The root mean squared difference between <paramref name="filled"/> and <paramref name="truth"/> over the cloudy pixels of <paramref name="days"/>.</summary>
    private static double Rmse(float[][] filled, float[][] truth, bool[][] clouds, IEnumerable<int> days)
    {
        double sum = 0;
        long count = 0;
        foreach (int d in days)
        {
            for (int k = 0; k < Scene.PixelCount; k++)
            {
                if (!clouds[d][k])
                    continue;
                double difference = filled[d][k] - truth[d][k];
                sum += difference * difference;
                count++;
            }
        }
        return count == 0 ? double.NaN : Math.Sqrt(sum / count);
    }
}
