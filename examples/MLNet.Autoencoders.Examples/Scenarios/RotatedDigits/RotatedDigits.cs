using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;
using MLNet.Autoencoders.Estimators;
using MLNet.Autoencoders.Examples.Shared;
using MLNet.Autoencoders.Transforms;

namespace MLNet.Autoencoders.Examples.Scenarios.RotatedDigits;

/// <summary>
/// Multi-task learning: 8 x 8 digits rotated by a random angle; one network learns the digit (classification head) and the angle
/// (an auxiliary regression head) from the same latent code, against single-task networks of the same size, over three seeds.
/// </summary>
internal static class RotatedDigits
{
    private const double MaxAngle = 60;
    private static readonly int[] Seeds = [1, 2, 3];

    private sealed record Task(string Name, float ClassificationWeight, bool LearnsAngle);

    private static readonly Task[] Tasks =
    [
        new("multi-task: digit + angle", 1, true),
        new("single-task: digit only", 1, false),
        new("single-task: angle only", 0, true),
    ];

    public static void Run(RunSize size)
    {
        var random = new Random(7);
        var digits = DigitRotation.Load();
        random.Shuffle(digits);
        digits = size.Take(digits);
        int testCount = digits.Length / 4;
        // Split by original digit, so that no rotated copy of a test digit is trained on.
        var training = DigitRotation.Rotate(digits[testCount..], copies: 3, MaxAngle, random);
        var test = DigitRotation.Rotate(digits[..testCount], copies: 1, MaxAngle, random);
        Console.WriteLine($"Data: {digits.Length:N0} digits of digits.csv (8 x 8), rotated by uniform angles in [-{MaxAngle}, {MaxAngle}] degrees: " +
            $"{training.Length:N0} training images (3 rotations of {digits.Length - testCount:N0} digits), {test.Length:N0} test images (other digits).");

        var ml = new MLContext(seed: 1);
        var keys = ml.Transforms.Conversion.MapValueToKey("Label", nameof(RotatedDigit.Digit)).Fit(ml.Data.LoadFromEnumerable(
            Enumerable.Range(0, 10).Select(d => new RotatedDigit { Features = new float[64], Digit = d.ToString(CultureInfo.InvariantCulture) })));
        var trainingData = keys.Transform(ml.Data.LoadFromEnumerable(training));
        var testData = keys.Transform(ml.Data.LoadFromEnumerable(test));

        var results = Tasks.ToDictionary(t => t, _ => new List<(double Accuracy, double Mae, double Rmse)>());
        float[]? multiTaskAngles = null, singleTaskAngles = null;
        foreach (int seed in Seeds.Take(size.IsSmoke ? 1 : Seeds.Length))
        {
            foreach (var task in Tasks)
            {
                using var model = ml.MulticlassClassification.Trainers.Autoencoder(Options(task, seed, size)).Fit(trainingData);
                LossCheck.ThrowIfNotFinite(task.Name, model.LossHistory);
                var scored = model.Transform(testData);
                double accuracy = task.ClassificationWeight > 0 ? ml.MulticlassClassification.Evaluate(scored).MicroAccuracy : double.NaN;
                double mae = double.NaN, rmse = double.NaN;
                if (task.LearnsAngle)
                {
                    var angles = ml.Regression.Evaluate(scored, labelColumnName: nameof(RotatedDigit.Angle), scoreColumnName: "AngleScore");
                    (mae, rmse) = (angles.MeanAbsoluteError, angles.RootMeanSquaredError);
                    if (seed == Seeds[0])
                    {
                        var predicted = scored.GetColumn<float>("AngleScore").ToArray();
                        if (task.ClassificationWeight > 0)
                            multiTaskAngles = predicted;
                        else
                            singleTaskAngles = predicted;
                    }
                }
                results[task].Add((accuracy, mae, rmse));
                Console.WriteLine($"seed {seed}, {task.Name}: digit accuracy {Text(accuracy, "P1")}, angle MAE {Text(mae, "F1")} deg, RMSE {Text(rmse, "F1")} deg");
            }
        }

        Console.WriteLine();
        Console.WriteLine($"Mean over {results[Tasks[0]].Count} seed(s), same network (64-64-16 encoder, mirrored decoder, 16-32 heads), test set:");
        Console.WriteLine("| Network | Digit accuracy | Angle MAE (deg) | Angle RMSE (deg) |");
        Console.WriteLine("|---|---:|---:|---:|");
        foreach (var task in Tasks)
        {
            var runs = results[task];
            Console.WriteLine($"| {task.Name} | {Text(runs.Average(r => r.Accuracy), "P1")} | {Text(runs.Average(r => r.Mae), "F1")} | {Text(runs.Average(r => r.Rmse), "F1")} |");
        }
        Console.WriteLine($"Multi-task heads: one network predicts both the digit and the angle (rows: {test.Length:N0} test images).");

        var truth = test.Select(t => (double)t.Angle).ToArray();
        string plot = DataFiles.Output("rotated-digits-angles.png");
        Plots.SaveSideBySide(plot, 520, 500,
            AngleScatter("Multi-task network: angle head", truth, multiTaskAngles!, test),
            AngleScatter("Single-task angle network", truth, singleTaskAngles!, test));
        Console.WriteLine($"Saved predicted vs true angles to {plot}");
    }

    private static OxyPlot.PlotModel AngleScatter(string title, double[] truth, float[] predicted, RotatedDigit[] test) =>
        Plots.Scatter(title, "True angle (degrees)", "Predicted angle (degrees)", test.Select(t => "digit " + t.Digit).ToArray(),
            truth.Select((t, i) => (t, (double)predicted[i])).ToArray());

    /// <summary>The same network for every task: only the loss weights and the targets differ.</summary>
    private static AutoencoderMulticlassOptions Options(Task task, int seed, RunSize size)
    {
        var options = new AutoencoderMulticlassOptions
        {
            HiddenLayers = [64],
            LatentDimension = 16,
            HeadHiddenLayers = [32],
            ClassificationWeight = task.ClassificationWeight,
            Epochs = size.Epochs(80),
            BatchSize = 32,
            LearningRate = 0.002f,
            Scaling = InputScaling.GlobalMinMax,
            ValidationFraction = 0.1f,
            EarlyStoppingPatience = 10,
            Seed = seed,
        };
        if (task.LearnsAngle)
            options.AuxiliaryTargets.Add(new AuxiliaryTarget { ColumnName = nameof(RotatedDigit.Angle) });
        return options;
    }

    private static string Text(double value, string format) => double.IsNaN(value) ? "-" : value.ToString(format, CultureInfo.InvariantCulture);
}
