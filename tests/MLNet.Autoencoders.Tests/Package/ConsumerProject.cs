namespace MLNet.Autoencoders.Tests.Package;

/// <summary>
/// The files of a fresh console app that installs the MLNet.Autoencoders package: it fits the README's pipeline and
/// saves it (<c>fit</c>), or loads a saved model and scores with it (<c>score</c>), printing one line a test can compare.
/// </summary>
internal static class ConsumerProject
{
    public static string ProjectFile(string version) => $"""
        <Project Sdk="Microsoft.NET.Sdk">
          <PropertyGroup>
            <OutputType>Exe</OutputType>
            <TargetFramework>net10.0</TargetFramework>
            <ImplicitUsings>enable</ImplicitUsings>
            <Nullable>enable</Nullable>
          </PropertyGroup>
          <ItemGroup>
            <PackageReference Include="MLNet.Autoencoders" Version="{version}" />
          </ItemGroup>
        </Project>
        """;

    /// <summary>A NuGet.config with the folder the package was packed into, nuget.org, and this machine's package cache as a fallback.</summary>
    public static string NuGetConfig(string feed, string packagesFolder, string fallbackFolder) => $"""
        <?xml version="1.0" encoding="utf-8"?>
        <configuration>
          <config>
            <add key="globalPackagesFolder" value="{packagesFolder}" />
          </config>
          <packageSources>
            <clear />
            <add key="local" value="{feed}" />
            <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
          </packageSources>
          <fallbackPackageFolders>
            <add key="cache" value="{fallbackFolder}" />
          </fallbackPackageFolders>
        </configuration>
        """;

    public const string Program = """
        using Microsoft.ML;
        using Microsoft.ML.Data;

        var ml = new MLContext(seed: 1);
        var random = new Random(3);
        var rows = Enumerable.Range(0, 200).Select(_ =>
        {
            double t = random.NextDouble();
            return new Row { Features = [(float)t, (float)(t * t), (float)Math.Sin(3 * t), (float)(1 - t)] };
        }).ToArray();
        IDataView data = ml.Data.LoadFromEnumerable(rows);
        string path = args[1];

        if (args[0] == "fit")
        {
            var pipeline = ml.Transforms.NormalizeMeanVariance("Features", fixZero: false)
                .Append(ml.Transforms.Autoencoder(outputColumnName: "Latent", inputColumnName: "Features", latentDimension: 2, epochs: 20, seed: 1))
                .Append(ml.Clustering.Trainers.KMeans("Latent", numberOfClusters: 3));
            var model = pipeline.Fit(data);
            ml.Model.Save(model, data.Schema, path);
            Console.WriteLine(Summary(model.Transform(data)));
        }
        else
        {
            var loaded = new MLContext().Model.Load(path, out _);
            Console.WriteLine(Summary(loaded.Transform(data)));
        }

        static string Summary(IDataView scored)
        {
            var errors = scored.GetColumn<float>("ReconstructionError").ToArray();
            var labels = scored.GetColumn<uint>("PredictedLabel").ToArray();
            return $"rows {errors.Length}, mean reconstruction error {errors.Average():R}, clusters {labels.Distinct().Count()}";
        }

        public sealed class Row
        {
            [VectorType(4)]
            public float[] Features { get; set; } = [];
        }
        """;
}
