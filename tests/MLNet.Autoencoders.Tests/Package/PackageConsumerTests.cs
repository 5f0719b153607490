using System.Diagnostics;
using System.Reflection;
using MLNet.Autoencoders.Tests.Persistence;

namespace MLNet.Autoencoders.Tests.Package;

/// <summary>
/// Packs the MLNet.Autoencoders package, installs it into a fresh console app outside the repository, fits and saves the
/// README's pipeline there, loads and scores the model in a second process, then publishes the app and runs the published
/// copy: what a user does after <c>dotnet add package MLNet.Autoencoders</c>.
/// </summary>
[TestClass]
[TestCategory("Package")]
public sealed class PackageConsumerTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(6);

    [TestMethod]
    public void FreshConsoleApp_InstallsThePackage_FitsSavesLoadsAndPublishes()
    {
        using var folder = new TempDirectory();
        string feed = Directory.CreateDirectory(folder.File("feed")).FullName;
        string app = Directory.CreateDirectory(folder.File("app")).FullName;
        // A version of its own, so that no earlier run's package in a NuGet cache can stand in for this one.
        string version = $"0.0.0-ci{DateTime.UtcNow:yyyyMMddHHmmssfff}";

        Dotnet(RepositoryRoot(), "pack", "src/Estimators", "-c", "Release", "-o", feed, $"-p:Version={version}");
        Assert.IsTrue(File.Exists(Path.Combine(feed, $"MLNet.Autoencoders.{version}.nupkg")), "the package was packed");

        File.WriteAllText(Path.Combine(app, "Consumer.csproj"), ConsumerProject.ProjectFile(version));
        File.WriteAllText(Path.Combine(app, "Program.cs"), ConsumerProject.Program);
        File.WriteAllText(Path.Combine(app, "NuGet.config"), ConsumerProject.NuGetConfig(feed, folder.File("packages"), NuGetPackageRoot()));
        Dotnet(app, "build", "-c", "Release", "-o", Path.Combine(app, "out"));

        string model = folder.File("model.zip");
        string fitted = Dotnet(app, Path.Combine(app, "out", "Consumer.dll"), "fit", model);
        string loaded = Dotnet(app, Path.Combine(app, "out", "Consumer.dll"), "score", model);
        StringAssert.StartsWith(fitted, "rows 200, mean reconstruction error ");
        StringAssert.Contains(fitted, "clusters 3");
        Assert.AreEqual(fitted, loaded, "the saved model scores the same in a fresh process");

        Dotnet(app, "publish", "-c", "Release", "-o", Path.Combine(app, "published"));
        string published = Dotnet(app, Path.Combine(app, "published", "Consumer.dll"), "score", model);
        Assert.AreEqual(fitted, published, "the published app loads and scores the model");
    }

    /// <summary>Runs the dotnet host with <paramref name="arguments"/> in <paramref name="directory"/>; returns its last output line.</summary>
    private static string Dotnet(string directory, params string[] arguments)
    {
        var start = new ProcessStartInfo(ModelLoadCheckProcess.DotnetHost())
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments)
            start.ArgumentList.Add(argument);
        // The test host's MSBuild settings would otherwise leak into the child build.
        foreach (string name in start.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase) || k.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase)).ToList())
            start.Environment.Remove(name);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start dotnet.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(Timeout))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"dotnet {string.Join(' ', arguments)} did not finish within {Timeout}.");
        }
        process.WaitForExit();
        Assert.AreEqual(0, process.ExitCode, $"dotnet {string.Join(' ', arguments)} failed:\n{output.Result}\n{error.Result}");
        return output.Result.TrimEnd().Split('\n')[^1].Trim();
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "MLNet.Autoencoders.sln")))
                return directory.FullName;
        }
        throw new InvalidOperationException($"No MLNet.Autoencoders.sln above {AppContext.BaseDirectory}.");
    }

    private static string NuGetPackageRoot() => typeof(PackageConsumerTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(attribute => attribute.Key == "NuGetPackageRoot").Value!;
}
