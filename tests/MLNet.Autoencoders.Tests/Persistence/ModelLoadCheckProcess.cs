using System.Diagnostics;
using System.Reflection;
using MLNet.Autoencoders.ModelLoadCheck;

namespace MLNet.Autoencoders.Tests.Persistence;

/// <summary>
/// Runs tests/MLNet.Autoencoders.ModelLoadCheck in a fresh process: <c>dotnet ModelLoadCheck.dll model.zip input.idv output.txt</c>.
/// The test project's build records the DLL's path in an <see cref="AssemblyMetadataAttribute"/> named "ModelLoadCheckPath".
/// </summary>
internal static class ModelLoadCheckProcess
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    public static string AssemblyPath
    {
        get
        {
            string? path = typeof(ModelLoadCheckProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
                .SingleOrDefault(a => a.Key == "ModelLoadCheckPath")?.Value;
            if (string.IsNullOrEmpty(path))
                throw new InvalidOperationException("The test assembly has no ModelLoadCheckPath metadata; see MLNet.Autoencoders.Tests.csproj.");
            if (!File.Exists(path))
                throw new FileNotFoundException("ModelLoadCheck was not built.", path);
            return path;
        }
    }

    public static ProcessResult Run(string modelPath, string inputPath, string outputPath) =>
        RunWith(modelPath, inputPath, outputPath);

    /// <summary>Runs <c>ModelLoadCheck --fit seed input.idv output.txt component</c>: <c>ReferenceFit</c> in a fresh process.</summary>
    public static ProcessResult Fit(int seed, string inputPath, string outputPath, string component = ReferenceFit.DenseAutoencoder) =>
        RunWith("--fit", seed.ToString(System.Globalization.CultureInfo.InvariantCulture), inputPath, outputPath, component);

    private static ProcessResult RunWith(params string[] arguments)
    {
        var start = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(AssemblyPath);
        foreach (string argument in arguments)
            start.ArgumentList.Add(argument);

        using Process process = Process.Start(start) ?? throw new InvalidOperationException("Could not start ModelLoadCheck.");
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(Timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"ModelLoadCheck did not finish within {Timeout}.");
        }
        process.WaitForExit();
        return new ProcessResult(process.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>The <c>dotnet</c> host running the tests (also used by <c>Smoke/BuiltProgram</c>).</summary>
    internal static string DotnetHost()
    {
        string? host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (!string.IsNullOrEmpty(host) && File.Exists(host))
            return host;
        string? current = Environment.ProcessPath;
        if (current is not null && Path.GetFileNameWithoutExtension(current) == "dotnet")
            return current;
        return "dotnet";
    }
}

/// <summary>The exit code and output of a finished process.</summary>
internal sealed record ProcessResult(int ExitCode, string StandardOutput, string StandardError);
