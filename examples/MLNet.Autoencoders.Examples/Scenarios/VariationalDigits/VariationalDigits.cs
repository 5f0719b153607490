using System.Diagnostics;
using Microsoft.ML;
using Microsoft.ML.Data;
using MLNet.Autoencoders.Estimators;
using MLNet.Autoencoders.Examples.Shared;
using MLNet.Autoencoders.Transforms;
using MLNet.Autoencoders.Transforms.Networks;
using SkiaSharp;

namespace MLNet.Autoencoders.Examples.Scenarios.VariationalDigits;

/// <summary>
/// Trains a variational autoencoder with a 2-D latent space on 1,797 handwritten 8 x 8 digits, then shows what
/// a VAE adds to an autoencoder: a latent space close to N(0, I) in which the digits cluster by class, and which
/// can be sampled, walked on a grid, and interpolated to make new digits.
/// </summary>
internal static class VariationalDigits
{
    /// <summary>Runs the scenario; <paramref name="size"/> sets the digits used and the epochs.</summary>
    public static void Run(RunSize size)
    {
        var ml = new MLContext(seed: 1);
        IDataView data = ml.Data.LoadFromTextFile<Digit>(DataFiles.Find("digits.csv"), separatorChar: ',', hasHeader: true);
        if (size.IsSmoke)
            data = ml.Data.TakeRows(data, RunSize.SmokeRows);
        int[] labels = [.. data.GetColumn<float>(nameof(Digit.Label)).Select(l => (int)l)];
        float[][] pixels = [.. data.GetColumn<float[]>(nameof(Digit.Pixels))];
        Console.WriteLine($"Loaded {labels.Length} digits of {Digit.Side} x {Digit.Side} pixels (ink 0..{Digit.MaxInk}).");

        var options = new VariationalAutoencoderOptions
        {
            InputColumnName = nameof(Digit.Pixels),
            LatentDimension = 2,
            HiddenLayers = [128, 64],
            // Beta = 1 (the default): the standard evidence lower bound. Pixels are standardized (the default scaling).
            Epochs = size.Epochs(150),
            LearningRate = 2e-3f,
            Seed = 1,
            // Small networks train fastest on one core; libtorch's default uses them all.
            NumberOfThreads = 1,
            EpochCompleted = epoch =>
            {
                if (epoch.Epoch == 1 || epoch.Epoch % 25 == 0)
                    Console.WriteLine($"  {epoch}");
            },
        };
        Console.WriteLine($"Training a variational autoencoder (beta = {options.Beta}) with a 2-D latent space; loss per epoch:");
        var watch = Stopwatch.StartNew();
        using var vae = ml.Transforms.VariationalAutoencoder(options).Fit(data);
        Console.WriteLine($"Fitted {vae.Architecture} in {watch.Elapsed.TotalSeconds:F1} s ({vae.LossHistory.Count} epochs).");
        LossCheck.ThrowIfNotFinite("variational autoencoder", vae.LossHistory);

        IDataView scored = vae.Transform(data);
        float[][] means = [.. scored.GetColumn<float[]>("Latent")];
        float[][] logVariances = [.. scored.GetColumn<float[]>("LatentLogVariance")];
        double mse = scored.GetColumn<float>("ReconstructionError").Average(e => (double)e);
        Console.WriteLine($"Reconstruction MSE from the 2-D posterior means: {mse:F2} (squared ink units; pixel variance averages {MeanPixelVariance(pixels):F2}).");
        for (int k = 0; k < 2; k++)
        {
            double spread = Variance(means.Select(m => (double)m[k]));
            double noise = logVariances.Average(v => Math.Exp(v[k]));
            Console.WriteLine($"  z[{k}]: Var(mean) {spread:F2} + E[sigma^2] {noise:F2} = {spread + noise:F2} (the prior asks for 1)");
        }
        Console.WriteLine($"  mean KL(q(z|x) || N(0, I)): {MeanKL(means, logVariances):F2} nats per digit");
        // For comparison, the 2-D PCA of the same standardized pixels.
        IDataView pca = ml.Transforms.NormalizeMeanVariance(nameof(Digit.Pixels), fixZero: false)
            .Append(ml.Transforms.ProjectToPrincipalComponents("Latent", nameof(Digit.Pixels), rank: 2))
            .Fit(data).Transform(data);
        Console.WriteLine($"k-means (k = 10) against the digit labels, NMI: VAE posterior means {KMeansNmi(scored, labels):F2}, 2-D PCA {KMeansNmi(pca, labels):F2}");

        double extent = 3.2;
        var latentPath = DataFiles.Output("vae-digits-latent.png");
        Plots.SaveSideBySide(latentPath, panelWidth: 760, height: 680,
            LatentScatter.Create("VAE latent space of 1,797 digits (posterior means)", means, labels, extent));
        Console.WriteLine($"Saved the latent space to {latentPath}");

        SaveLatentGrid(vae, DataFiles.Output("vae-digits-grid.png"));
        SaveInterpolations(vae, pixels, labels, means, DataFiles.Output("vae-digits-interpolation.png"));
        SaveSamples(vae, DataFiles.Output("vae-digits-samples.png"));
    }

    /// <summary>Decodes a 15 x 15 grid of codes at the prior's quantiles (5% .. 95% in each dimension).</summary>
    private static void SaveLatentGrid(AutoencoderTransformer vae, string path)
    {
        const int size = 15;
        var codes = new List<float[]>();
        for (int row = 0; row < size; row++)
        {
            for (int column = 0; column < size; column++)
            {
                // Top row = largest z[1], so the sheet reads like the scatter plot.
                float x = (float)NormalQuantile(0.05 + 0.9 * column / (size - 1));
                float y = (float)NormalQuantile(0.95 - 0.9 * row / (size - 1));
                codes.Add([x, y]);
            }
        }
        float[][] decoded = [.. vae.Decode(codes).GetColumn<float[]>(nameof(Digit.Pixels))];
        using var sheet = new DigitSheet(size, size, "Digits decoded from a 15 x 15 grid of latent codes", tile: 40,
            subtitle: "z[0] left to right and z[1] bottom to top, each at the prior's 5%..95% quantiles (-1.64..1.64)");
        for (int i = 0; i < decoded.Length; i++)
            sheet.Draw(i / size, i % size, decoded[i]);
        sheet.Save(path);
        Console.WriteLine($"Saved the decoded latent grid to {path}");
    }

    /// <summary>
    /// For a few pairs of digits, decodes 10 evenly spaced codes from the first digit's code to the second's. Each digit
    /// is its class's most typical row: the one whose code is closest to the class's mean code.
    /// </summary>
    private static void SaveInterpolations(AutoencoderTransformer vae, float[][] pixels, int[] labels, float[][] means, string path)
    {
        (int From, int To)[] pairs = [(0, 6), (1, 7), (2, 3), (4, 9), (5, 8)];
        const int steps = 10;
        using var sheet = new DigitSheet(pairs.Length, steps + 2, "Interpolating between the latent codes of two digits", tile: 48, leftLabelWidth: 70,
            subtitle: "framed: the real digits; between them: 10 decoded points of the straight line joining their codes");
        for (int p = 0; p < pairs.Length; p++)
        {
            int from = Typical(pairs[p].From, labels, means), to = Typical(pairs[p].To, labels, means);
            float[][] morph = [.. vae.Interpolate(pixels[from], pixels[to], steps).GetColumn<float[]>(nameof(Digit.Pixels))];
            sheet.RowLabel(p, $"{pairs[p].From} \u2192 {pairs[p].To}");
            sheet.Draw(p, 0, pixels[from], LatentScatter.Colour(pairs[p].From));
            for (int s = 0; s < steps; s++)
                sheet.Draw(p, s + 1, morph[s]);
            sheet.Draw(p, steps + 1, pixels[to], LatentScatter.Colour(pairs[p].To));
        }
        sheet.Save(path);
        Console.WriteLine($"Saved {pairs.Length} interpolations to {path}");
    }

    /// <summary>Draws 60 new digits from the prior.</summary>
    private static void SaveSamples(AutoencoderTransformer vae, string path)
    {
        float[][] samples = [.. vae.Sample(60, seed: 7).GetColumn<float[]>(nameof(Digit.Pixels))];
        using var sheet = new DigitSheet(5, 12, "60 new digits: latent codes drawn from the prior N(0, I), decoded", tile: 40,
            subtitle: "Sample(60, seed: 7); the same seed gives the same digits");
        for (int i = 0; i < samples.Length; i++)
            sheet.Draw(i / 12, i % 12, samples[i]);
        sheet.Save(path);
        Console.WriteLine($"Saved 60 sampled digits to {path}");
    }

    /// <summary>The row of digit <paramref name="digit"/> whose code is closest to the mean code of that digit's rows.</summary>
    private static int Typical(int digit, int[] labels, float[][] means)
    {
        int[] rows = [.. Enumerable.Range(0, labels.Length).Where(i => labels[i] == digit)];
        double cx = rows.Average(i => means[i][0]), cy = rows.Average(i => means[i][1]);
        return rows.MinBy(i => Math.Pow(means[i][0] - cx, 2) + Math.Pow(means[i][1] - cy, 2));
    }

    private static double KMeansNmi(IDataView scored, int[] labels)
    {
        // A fresh context per call: both spaces get k-means with the same seeded initialisation.
        var kmeans = new MLContext(seed: 1).Clustering.Trainers.KMeans("Latent", numberOfClusters: 10).Fit(scored);
        uint[] clusters = [.. kmeans.Transform(scored).GetColumn<uint>("PredictedLabel")];
        return ClusterMetrics.NormalizedMutualInformation(labels, clusters);
    }

    private static double MeanKL(float[][] means, float[][] logVariances) =>
        means.Zip(logVariances, (m, v) => m.Zip(v, (mk, vk) => -0.5 * (1 + vk - mk * mk - Math.Exp(vk))).Sum()).Average();

    private static double MeanPixelVariance(float[][] pixels) =>
        Enumerable.Range(0, pixels[0].Length).Average(j => Variance(pixels.Select(p => (double)p[j])));

    private static double Variance(IEnumerable<double> values)
    {
        var list = values.ToList();
        double mean = list.Average();
        return list.Average(v => (v - mean) * (v - mean));
    }

    /// <summary>The standard normal quantile (Acklam's rational approximation, relative error below 1.2e-9).</summary>
    private static double NormalQuantile(double p)
    {
        double[] a = [-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02, 1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00];
        double[] b = [-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02, 6.680131188771972e+01, -1.328068155288572e+01];
        double[] c = [-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00, -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00];
        double[] d = [7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00];
        if (p < 0.02425)
        {
            double q = Math.Sqrt(-2 * Math.Log(p));
            return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
        }
        if (p > 1 - 0.02425)
            return -NormalQuantile(1 - p);
        double r = p - 0.5, s = r * r;
        return (((((a[0] * s + a[1]) * s + a[2]) * s + a[3]) * s + a[4]) * s + a[5]) * r / (((((b[0] * s + b[1]) * s + b[2]) * s + b[3]) * s + b[4]) * s + 1);
    }
}
