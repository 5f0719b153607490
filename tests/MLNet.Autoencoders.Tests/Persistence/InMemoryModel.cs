using Microsoft.ML;
using Microsoft.ML.Runtime;
using MLNet.Autoencoders.Transforms.Persistence;

namespace MLNet.Autoencoders.Tests.Persistence;

/// <summary>
/// A component saved through <see cref="ModelPersistence.WriteFramed"/> into memory instead of a model zip:
/// the main stream's bytes and the extra entries. Loads through <see cref="PersistedModelLoader"/> with any
/// dispatch table, so framing, dispatch and corruption handling are testable without ML.NET internals.
/// </summary>
internal sealed record InMemoryModel(byte[] Main, IReadOnlyDictionary<string, byte[]> Entries)
{
    public static InMemoryModel Save(string kind, int formatVersion, Action<PersistedModelWriter> write)
    {
        var entries = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        using var main = new MemoryStream();
        using (var mainWriter = new BinaryWriter(main, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            ModelPersistence.WriteFramed(mainWriter, kind, formatVersion, (name, writeEntry) =>
            {
                using var entry = new MemoryStream();
                using (var entryWriter = new BinaryWriter(entry, System.Text.Encoding.UTF8, leaveOpen: true))
                    writeEntry(entryWriter);
                entries[name] = entry.ToArray();
            }, write);
        }
        return new InMemoryModel(main.ToArray(), entries);
    }

    public ITransformer Load(IHostEnvironment env, IReadOnlyDictionary<string, Func<IHostEnvironment, PersistedModelReader, ITransformer>> loaders)
    {
        using var reader = new BinaryReader(new MemoryStream(Main, writable: false));
        return PersistedModelLoader.Load(env, reader, TryLoadEntry, loaders);
    }

    public InMemoryModel WithEntry(string name, byte[] bytes) =>
        this with { Entries = new Dictionary<string, byte[]>(Entries) { [name] = bytes } };

    public InMemoryModel WithoutEntry(string name) =>
        this with { Entries = Entries.Where(e => e.Key != name).ToDictionary(e => e.Key, e => e.Value) };

    private bool TryLoadEntry(string name, Action<BinaryReader> read)
    {
        if (!Entries.TryGetValue(name, out byte[]? bytes))
            return false;
        using var reader = new BinaryReader(new MemoryStream(bytes, writable: false));
        read(reader);
        return true;
    }
}
