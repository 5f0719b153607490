namespace MLNet.Autoencoders.Cli;

/// <summary>Writes a file under a temporary name beside it and moves it into place, so a cancelled run leaves nothing half-written.</summary>
internal static class AtomicFile
{
    public static void Write(string path, Action<string> writeTo)
    {
        var temporary = path + ".tmp-" + Guid.NewGuid().ToString("N")[..8];
        try
        {
            writeTo(temporary);
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary))
                File.Delete(temporary);
        }
    }

    public static void WriteText(string path, Action<TextWriter> write) =>
        Write(path, temporary =>
        {
            using var writer = new StreamWriter(temporary);
            write(writer);
        });
}
