namespace MLNet.Autoencoders.Transforms.Persistence;

/// <summary>
/// What a transformer's load code reads from: the main model stream positioned after the kind and
/// format version (<see cref="Reader"/>), and the extra entries written with
/// <see cref="PersistedModelWriter.WriteBinaryStream"/>.
/// </summary>
internal sealed class PersistedModelReader
{
    private readonly Func<string, Action<BinaryReader>, bool> tryLoadStream;

    internal PersistedModelReader(BinaryReader reader, string kind, int formatVersion, Func<string, Action<BinaryReader>, bool> tryLoadStream)
    {
        Reader = reader;
        Kind = kind;
        FormatVersion = formatVersion;
        this.tryLoadStream = tryLoadStream;
    }

    /// <summary>The main model stream, at the start of the component's payload.</summary>
    public BinaryReader Reader { get; }

    /// <summary>The component kind the payload was saved under.</summary>
    public string Kind { get; }

    /// <summary>The payload's format version as written by the saving code.</summary>
    public int FormatVersion { get; }

    /// <summary>
    /// Reads the extra entry <paramref name="name"/>. A missing entry, or any read error inside
    /// <paramref name="read"/>, becomes an <see cref="InvalidDataException"/> naming the entry and the component.
    /// </summary>
    public void ReadBinaryStream(string name, Action<BinaryReader> read)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(read);
        bool found;
        try
        {
            found = tryLoadStream(name, read);
        }
        catch (Exception e) when (ModelFileErrors.IsCorruption(e))
        {
            throw ModelFileErrors.Corrupt(Kind, FormatVersion, $"the entry '{name}'", e);
        }
        if (!found)
            throw ModelFileErrors.MissingEntry(Kind, name);
    }
}
