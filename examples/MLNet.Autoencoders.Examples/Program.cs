using MLNet.Autoencoders.Examples;
using MLNet.Autoencoders.Examples.Scenarios.FashionMnist;
using MLNet.Autoencoders.Examples.Scenarios.GapFilling;
using MLNet.Autoencoders.Examples.Scenarios.PenguinsClustering;
using MLNet.Autoencoders.Examples.Scenarios.VariationalDigits;
using MLNet.Autoencoders.Examples.Scenarios.WineAnomaly;

// To add a scenario: create a folder under Scenarios/ with a static Run method, then add one line here.
// The first one is the default.
Scenario[] scenarios =
[
    new("penguins", "Autoencoder vs PCA: 2-D latent space and k-means clusters of Palmer penguins", PenguinsClustering.Run),
    new("wine-anomaly", "Autoencoder vs RandomizedPca: find 10 planted outliers among 129 wines", WineAnomaly.Run),
    new("vae-digits", "Variational autoencoder: 2-D latent space, sampling and interpolation of 8x8 digits", VariationalDigits.Run),
    new("fashion-mnist", "Images: dense vs convolutional, denoising and decoder-only autoencoders on Fashion-MNIST", FashionMnist.Run),
    new("gap-filling", "Missing values: fill cloud gaps in (synthetic) sea-surface temperature, vs pixel-mean filling", GapFilling.Run),
];

string? requested = args.FirstOrDefault();
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
scenario.Run();
return 0;

void PrintUsage()
{
    Console.WriteLine("Usage: dotnet run --project examples/MLNet.Autoencoders.Examples [-- <scenario>]");
    Console.WriteLine();
    Console.WriteLine("Scenarios:");
    int width = scenarios.Max(s => s.Name.Length);
    foreach (var s in scenarios)
        Console.WriteLine($"  {s.Name.PadRight(width)}  {s.Summary}{(s == scenarios[0] ? " (default)" : "")}");
}
