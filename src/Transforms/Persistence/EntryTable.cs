namespace MLNet.Autoencoders.Transforms.Persistence;

/// <summary>
/// The names and SHA-256 hashes of a component's extra entries (e.g. its weights), stored beside its main
/// stream. Each entry also checks itself; the table ties the entries to this model, so that an entry copied
/// in from another model file is rejected.
/// </summary>
internal static class EntryTable
{
    private const int MaxEntries = 4096;

    public static void Write(BinaryWriter main, IReadOnlyDictionary<string, byte[]> hashes) =>
        ChecksummedBlock.Write(main, table =>
        {
            table.Write(hashes.Count);
            foreach (var (name, hash) in hashes)
            {
                table.Write(name);
                table.Write(hash);
            }
        });

    public static IReadOnlyDictionary<string, byte[]> Read(BinaryReader main, string kind)
    {
        string what = $"the entry table of the MLNet.Autoencoders component '{kind}'";
        using var table = ChecksummedBlock.Read(main, what);
        int count = table.ReadInt32();
        if (count is < 0 or > MaxEntries)
            throw ModelFileErrors.Corrupt($"{what} declares {count} entries", null);
        var hashes = new Dictionary<string, byte[]>(count, StringComparer.Ordinal);
        for (int i = 0; i < count; i++)
            hashes[table.ReadString()] = table.ReadBytes(System.Security.Cryptography.SHA256.HashSizeInBytes);
        ChecksummedBlock.RequireFullyRead(table, what);
        return hashes;
    }
}
