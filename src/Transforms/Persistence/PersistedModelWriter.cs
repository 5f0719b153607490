namespace MLNet.Autoencoders.Transforms.Persistence;

/// <summary>
/// What a transformer's save code writes to: the main model stream (<see cref="Writer"/>) and extra
/// binary entries in the same directory of the model zip (<see cref="WriteBinaryStream"/>).
/// </summary>
internal sealed class PersistedModelWriter
{
    private static readonly string[] ReservedNames = ["Model.key", "Model.bin"]; // ML.NET's own entry names
    private readonly Action<string, Action<BinaryWriter>> saveStream;
    private readonly HashSet<string> writtenNames = new(StringComparer.OrdinalIgnoreCase);

    internal PersistedModelWriter(BinaryWriter writer, string kind, int formatVersion, Action<string, Action<BinaryWriter>> saveStream)
    {
        Writer = writer;
        Kind = kind;
        FormatVersion = formatVersion;
        this.saveStream = saveStream;
    }

    /// <summary>The main model stream; the payload written here is read back from <see cref="PersistedModelReader.Reader"/>.</summary>
    public BinaryWriter Writer { get; }

    /// <summary>The component kind the payload is saved under.</summary>
    public string Kind { get; }

    /// <summary>The payload's format version, handed to the loader as <see cref="PersistedModelReader.FormatVersion"/>.</summary>
    public int FormatVersion { get; }

    /// <summary>Writes an extra entry, e.g. network weights, read back with <see cref="PersistedModelReader.ReadBinaryStream"/>.</summary>
    public void WriteBinaryStream(string name, Action<BinaryWriter> write)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(write);
        if (ReservedNames.Contains(name, StringComparer.OrdinalIgnoreCase))
            throw new ArgumentException($"'{name}' is reserved by ML.NET; pick another entry name.", nameof(name));
        if (!writtenNames.Add(name))
            throw new InvalidOperationException($"The entry '{name}' was already written for component '{Kind}'.");
        saveStream(name, write);
    }
}
