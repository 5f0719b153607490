using Microsoft.ML;

namespace MLNet.Autoencoders.Transforms.Persistence;

/// <summary>
/// Saves a transformer so that plain <c>mlContext.Model.Load</c> can load it, in any process that
/// references MLNet.Autoencoders. Call it from <c>ICanSaveModel.Save</c>:
/// <code>
/// void ICanSaveModel.Save(ModelSaveContext ctx) =>
///     ModelPersistence.Save(ctx, "MyKind", formatVersion: 1, model => { model.Writer.Write(...); });
/// </code>
/// and register the kind's loader in <see cref="PersistedModelKinds.Loaders"/>.
/// </summary>
internal static class ModelPersistence
{
    /// <summary>Writes the model header and the framed payload produced by <paramref name="write"/>.</summary>
    /// <param name="ctx">The context ML.NET passes to <c>ICanSaveModel.Save</c>.</param>
    /// <param name="kind">The component kind: ASCII letters and digits, as registered in <see cref="PersistedModelKinds"/>.</param>
    /// <param name="formatVersion">The payload's format version, starting at 1; the loader sees it as <see cref="PersistedModelReader.FormatVersion"/>.</param>
    /// <param name="write">Writes the payload.</param>
    public static void Save(ModelSaveContext ctx, string kind, int formatVersion, Action<PersistedModelWriter> write)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        ValidateKind(kind);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(formatVersion);
        ArgumentNullException.ThrowIfNull(write);

        MlNetInternals.BeginModel(ctx, ModelFormat.Current);
        WriteFramed(MlNetInternals.GetWriter(ctx), kind, formatVersion,
            (name, writeStream) => MlNetInternals.SaveBinaryStream(ctx, name, writeStream), write);
    }

    /// <summary>
    /// Writes the kind and format version, then the payload <paramref name="write"/> produces as a checksummed
    /// block, then the table of the extra entries' hashes, then the end marker. Extra entries go through
    /// <paramref name="saveStream"/>, each as a checksummed block too.
    /// </summary>
    internal static void WriteFramed(BinaryWriter main, string kind, int formatVersion,
        Action<string, Action<BinaryWriter>> saveStream, Action<PersistedModelWriter> write)
    {
        var entryHashes = new SortedDictionary<string, byte[]>(StringComparer.Ordinal);
        PayloadFraming.WriteStart(main, kind, formatVersion);
        ChecksummedBlock.Write(main, payload => write(new PersistedModelWriter(payload, kind, formatVersion,
            (name, writeStream) => saveStream(name, entry => entryHashes[name] = ChecksummedBlock.Write(entry, writeStream)))));
        EntryTable.Write(main, entryHashes);
        PayloadFraming.WriteEnd(main);
    }

    private static void ValidateKind(string kind)
    {
        ArgumentException.ThrowIfNullOrEmpty(kind);
        if (kind.Length > PayloadFraming.MaxKindLength || !kind.All(char.IsAsciiLetterOrDigit))
            throw new ArgumentException($"A component kind must be 1 to {PayloadFraming.MaxKindLength} ASCII letters or digits. Got '{kind}'.", nameof(kind));
    }
}
