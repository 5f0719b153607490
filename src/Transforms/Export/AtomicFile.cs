namespace MLNet.Autoencoders.Transforms.Export;

/// <summary>
/// Writes a file whole or not at all: into a temporary file beside the target, then moved over it. A failure while
/// writing deletes the temporary file and leaves any earlier file at the path untouched.
/// </summary>
internal static class AtomicFile
{
    /// <exception cref="IOException">The folder does not exist or cannot be written; the message names the path.</exception>
    /// <exception cref="UnauthorizedAccessException">The process may not write there.</exception>
    public static void Write(string path, Action<Stream> write)
    {
        string fullPath = Path.GetFullPath(path);
        string directory = Path.GetDirectoryName(fullPath) ?? throw new ArgumentException($"'{path}' does not name a file.", nameof(path));
        if (!Directory.Exists(directory))
            throw new DirectoryNotFoundException($"Cannot write '{fullPath}': the folder '{directory}' does not exist.");
        string temporary = Path.Combine(directory, $".{Path.GetFileName(fullPath)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temporary, fullPath, overwrite: true);
        }
        catch
        {
            TryDelete(temporary);
            throw;
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Best effort: the original failure is the one to report.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
