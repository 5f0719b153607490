namespace MLNet.Autoencoders.Transforms.Persistence;

/// <summary>
/// The bytes around a component's payload in the main model stream:
/// <c>string kind</c> (BinaryWriter's length-prefixed UTF-8), <c>int32 formatVersion</c>, the payload,
/// then <c>uint32 EndMarker</c>. The kind selects the loader; the end marker proves the loader read
/// exactly what the saver wrote.
/// </summary>
internal static class PayloadFraming
{
    /// <summary>Follows every payload; "AEnd" in ASCII, little-endian.</summary>
    public const uint EndMarker = 0x646E4541;

    /// <summary>Kinds are short identifiers; a longer string means the stream is not ours or is damaged.</summary>
    public const int MaxKindLength = 128;

    public static void WriteStart(BinaryWriter writer, string kind, int formatVersion)
    {
        writer.Write(kind);
        writer.Write(formatVersion);
    }

    public static void WriteEnd(BinaryWriter writer) => writer.Write(EndMarker);

    /// <summary>Reads the kind and format version; throws <see cref="InvalidDataException"/> if they are unreadable.</summary>
    public static (string Kind, int FormatVersion) ReadStart(BinaryReader reader)
    {
        string kind;
        int formatVersion;
        try
        {
            kind = reader.ReadString();
            formatVersion = reader.ReadInt32();
        }
        catch (Exception e) when (ModelFileErrors.IsCorruption(e))
        {
            throw ModelFileErrors.Corrupt("The MLNet.Autoencoders model entry ends before its component kind and format version", e);
        }

        if (kind.Length is 0 or > MaxKindLength || !kind.All(char.IsAsciiLetterOrDigit))
            throw ModelFileErrors.Corrupt($"The MLNet.Autoencoders model entry does not start with a component kind (read '{Shorten(kind)}')", null);
        if (formatVersion <= 0)
            throw ModelFileErrors.Corrupt($"The MLNet.Autoencoders component '{kind}' has format version {formatVersion}; versions start at 1", null);
        return (kind, formatVersion);
    }

    /// <summary>Reads the end marker; throws <see cref="InvalidDataException"/> if the payload was longer or shorter than what was read.</summary>
    public static void ReadEnd(BinaryReader reader, string kind, int formatVersion)
    {
        uint marker;
        try
        {
            marker = reader.ReadUInt32();
        }
        catch (Exception e) when (ModelFileErrors.IsCorruption(e))
        {
            throw ModelFileErrors.Corrupt(kind, formatVersion, "the main stream", e);
        }
        if (marker != EndMarker)
            throw ModelFileErrors.Corrupt(kind, formatVersion, "the main stream",
                new InvalidDataException("Its payload does not end where it was read to (end marker not found)."));
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "...";
}
