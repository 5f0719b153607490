using MLNet.Autoencoders.Examples;
using MLNet.Autoencoders.Examples.Scenarios.FashionMnist;
using MLNet.Autoencoders.Examples.Scenarios.GapFilling;
using MLNet.Autoencoders.Examples.Scenarios.PenguinsClustering;
using MLNet.Autoencoders.Examples.Scenarios.RotatedDigits;
using MLNet.Autoencoders.Examples.Scenarios.SemiSupervisedFashion;
using MLNet.Autoencoders.Examples.Scenarios.Upscaling;
using MLNet.Autoencoders.Examples.Scenarios.VariationalDigits;
using MLNet.Autoencoders.Examples.Scenarios.WineAnomaly;
using MLNet.Autoencoders.Examples.Shared;

// To add a scenario: create a folder under Scenarios/ with a static Run(RunSize) method, then add one line here.
// The first one is the default.
Scenario[] scenarios =
[
    new("penguins", "Autoencoder vs PCA vs autoencoder clustering (IDEC): 2-D latent spaces and clusters of Palmer penguins", PenguinsClustering.Run),
    new("wine-anomaly", "Autoencoder vs RandomizedPca: find 10 planted outliers among 129 wines", WineAnomaly.Run),
    new("vae-digits", "Variational autoencoder: 2-D latent space, sampling and interpolation of 8x8 digits", VariationalDigits.Run),
    new("fashion-mnist", "Images: dense vs convolutional, denoising and decoder-only autoencoders on Fashion-MNIST", FashionMnist.Run),
    new("semi-supervised-fashion", "Semi-supervised classification: Fashion-MNIST with 1-100% of the labels, vs no reconstruction and SDCA", SemiSupervisedFashion.Run),
    new("rotated-digits", "Multi-task: one network learns the digit and the rotation angle of rotated 8x8 digits, vs single-task networks", RotatedDigits.Run),
    new("gap-filling", "Missing values: fill cloud gaps in (synthetic) sea-surface temperature, vs pixel-mean filling", GapFilling.Run),
    new("upscaling", "Paired targets: a convolutional upscaler from 14x14 to 28x28 Fashion-MNIST, vs bicubic upscaling", Upscaling.Run),
];

// --smoke, anywhere: the tiny run CI uses (see RunSize); it fails on an exception or a loss that is not finite.
bool smoke = args.Contains("--smoke");
string? requested = args.FirstOrDefault(a => a != "--smoke");
if (requested is "--help" or "-h" or "help")
{
    PrintUsage();
    return 0;
}

Scenario? scenario = requested is null
    ? scenarios[0]
    : scenarios.FirstOrDefault(s => s.Name.Equals(requested, StringComparison.OrdinalIgnoreCase));
if (scenario is null)
{
    Console.Error.WriteLine($"Unknown scenario '{requested}'.");
    PrintUsage();
    return 1;
}

Console.WriteLine($"=== {scenario.Name}: {scenario.Summary} ===");
scenario.Run(smoke ? RunSize.Smoke : RunSize.Full);
if (smoke)
    Console.WriteLine($"Smoke run of '{scenario.Name}' passed: no exception, every loss finite.");
return 0;

void PrintUsage()
{
    Console.WriteLine("Usage: dotnet run --project examples/MLNet.Autoencoders.Examples [-- <scenario>] [--smoke]");
    Console.WriteLine($"  --smoke  a tiny run (at most {RunSize.SmokeRows} rows, {RunSize.SmokeEpochs} epochs) that checks the scenario runs; CI uses it");
    Console.WriteLine();
    Console.WriteLine("Scenarios:");
    int width = scenarios.Max(s => s.Name.Length);
    foreach (var s in scenarios)
        Console.WriteLine($"  {s.Name.PadRight(width)}  {s.Summary}{(s == scenarios[0] ? " (default)" : "")}");
}
