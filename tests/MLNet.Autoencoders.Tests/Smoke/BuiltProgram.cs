using System.Diagnostics;
using System.Reflection;
using MLNet.Autoencoders.Tests.Persistence;

namespace MLNet.Autoencoders.Tests.Smoke;

/// <summary>
/// An executable of the solution that the test project builds first without referencing it (a ProjectReference with
/// <c>ReferenceOutputAssembly="false"</c>; the build records its path in an <see cref="AssemblyMetadataAttribute"/>, see
/// MLNet.Autoencoders.Tests.csproj), run as <c>dotnet &lt;path&gt; args</c> in a fresh process.
/// </summary>
internal sealed class BuiltProgram
{
    private readonly string metadataKey;

    private BuiltProgram(string metadataKey) => this.metadataKey = metadataKey;

    /// <summary>examples/MLNet.Autoencoders.Examples.</summary>
    public static BuiltProgram Examples { get; } = new("ExamplesPath");

    /// <summary>benchmarks/MLNet.Autoencoders.Benchmarks.</summary>
    public static BuiltProgram Benchmarks { get; } = new("BenchmarksPath");

    /// <summary>src/Cli, the mlnet-autoencoders tool.</summary>
    public static BuiltProgram Cli { get; } = new("CliPath");

    /// <summary>examples/OnnxScoring: scores an exported detector without TorchSharp.</summary>
    public static BuiltProgram OnnxScoring { get; } = new("OnnxScoringPath");

    /// <summary>The built DLL's full path.</summary>
    public string AssemblyPath
    {
        get
        {
            string? path = typeof(BuiltProgram).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
                .SingleOrDefault(a => a.Key == metadataKey)?.Value;
            if (string.IsNullOrEmpty(path))
                throw new InvalidOperationException($"The test assembly has no {metadataKey} metadata; see MLNet.Autoencoders.Tests.csproj.");
            if (!File.Exists(path))
                throw new FileNotFoundException($"The program behind {metadataKey} was not built.", path);
            return path;
        }
    }

    /// <summary>Runs the program with <paramref name="arguments"/> in <paramref name="workingDirectory"/>; kills it after <paramref name="timeout"/>.</summary>
    /// <exception cref="TimeoutException">The program did not finish in time.</exception>
    public ProcessResult Run(string workingDirectory, TimeSpan timeout, params string[] arguments)
    {
        var start = new ProcessStartInfo(ModelLoadCheckProcess.DotnetHost())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        start.ArgumentList.Add(AssemblyPath);
        foreach (string argument in arguments)
            start.ArgumentList.Add(argument);

        using Process process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {AssemblyPath}.");
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"'{Path.GetFileName(AssemblyPath)} {string.Join(' ', arguments)}' did not finish within {timeout}.");
        }
        process.WaitForExit();
        return new ProcessResult(process.ExitCode, stdout.Result, stderr.Result);
    }
}
