namespace MLNet.Autoencoders.Examples.Shared;

/// <summary>Where the examples read their data and write their results.</summary>
internal static class DataFiles
{
    /// <summary>
    /// Full path of a data file shipped with the examples. The build copies <c>Data/</c> next to the
    /// executable, so this works from any working directory.
    /// </summary>
    public static string Find(string fileName)
    {
        string path = Path.Combine(AppContext.BaseDirectory, "Data", fileName);
        if (!File.Exists(path))
            throw new FileNotFoundException(
                $"Could not find data file '{fileName}' at '{path}'. The build copies it there from the project's Data folder: rebuild the examples project.",
                path);
        return path;
    }

    /// <summary>
    /// Full path for a result file in <c>output/</c> under the current working directory, which is created
    /// if needed.
    /// </summary>
    public static string Output(string fileName)
    {
        string folder = Path.Combine(Directory.GetCurrentDirectory(), "output");
        Directory.CreateDirectory(folder);
        return Path.Combine(folder, fileName);
    }
}
