namespace MLNet.Autoencoders.Cli;

/// <summary>Where a command writes: <c>&lt;DIR&gt;/&lt;name&gt;.&lt;suffix&gt;</c>, DIR defaulting to the input file's folder.</summary>
internal sealed record OutputPaths(string Directory, string Name)
{
    public static OutputPaths For(string inputPath, string? outputDirectory)
    {
        var directory = outputDirectory ?? Path.GetDirectoryName(Path.GetFullPath(inputPath))!;
        System.IO.Directory.CreateDirectory(directory);
        return new OutputPaths(directory, Path.GetFileNameWithoutExtension(inputPath));
    }

    public string File(string suffix) => Path.Combine(Directory, $"{Name}.{suffix}");
}
