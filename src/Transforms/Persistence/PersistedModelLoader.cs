using System.ComponentModel;
using Microsoft.ML;
using Microsoft.ML.Runtime;

namespace MLNet.Autoencoders.Transforms.Persistence;

/// <summary>
/// The entry point that <c>mlContext.Model.Load</c> reaches, through the build-time emitted
/// MLNet.Autoencoders.ModelLoader assembly, for every MLNet.Autoencoders component in a model file.
/// Not meant to be called directly.
/// </summary>
public static class PersistedModelLoader
{
    /// <summary>
    /// Loads the component whose model entry <paramref name="modelLoadContext"/> is positioned at.
    /// </summary>
    /// <param name="env">The host environment ML.NET loads with.</param>
    /// <param name="modelLoadContext">ML.NET's internal <c>ModelLoadContext</c>, typed <see cref="object"/> because that type is internal.</param>
    /// <returns>The loaded transformer.</returns>
    /// <exception cref="InvalidDataException">The entry names an unknown component kind, or its data is damaged.</exception>
    /// <exception cref="FormatException">ML.NET found the model header incompatible (e.g. saved by a newer format).</exception>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static ITransformer Load(IHostEnvironment env, object modelLoadContext)
    {
        ArgumentNullException.ThrowIfNull(env);
        ArgumentNullException.ThrowIfNull(modelLoadContext);

        MlNetInternals.CheckAtModel(modelLoadContext, ModelFormat.Current);
        return Load(env, MlNetInternals.GetReader(modelLoadContext),
            (name, read) => MlNetInternals.TryLoadBinaryStream(modelLoadContext, name, read),
            PersistedModelKinds.Loaders);
    }

    /// <summary>Reads a framed payload and dispatches on its kind; the part of <see cref="Load(IHostEnvironment, object)"/> that needs no ML.NET context.</summary>
    internal static ITransformer Load(IHostEnvironment env, BinaryReader main, Func<string, Action<BinaryReader>, bool> tryLoadStream,
        IReadOnlyDictionary<string, Func<IHostEnvironment, PersistedModelReader, ITransformer>> loaders)
    {
        var (kind, formatVersion) = PayloadFraming.ReadStart(main);
        if (!loaders.TryGetValue(kind, out var load))
            throw ModelFileErrors.UnknownKind(kind, loaders.Keys);

        using var payload = ChecksummedBlock.Read(main, $"the main stream of the MLNet.Autoencoders component '{kind}'");
        var entryHashes = EntryTable.Read(main, kind);
        var reader = new PersistedModelReader(payload, kind, formatVersion, (name, read) => tryLoadStream(name, entry =>
        {
            string what = $"the entry '{name}' of the MLNet.Autoencoders component '{kind}'";
            if (!entryHashes.TryGetValue(name, out var expectedHash))
                throw ModelFileErrors.Corrupt($"{what} is not recorded in the component's main stream", null);
            using var checkedEntry = ChecksummedBlock.Read(entry, what, expectedHash);
            read(checkedEntry);
            ChecksummedBlock.RequireFullyRead(checkedEntry, what);
        }));
        ITransformer transformer;
        try
        {
            transformer = load(env, reader);
        }
        catch (Exception e) when (ModelFileErrors.IsCorruption(e))
        {
            throw ModelFileErrors.Corrupt(kind, formatVersion, "the main stream", e);
        }

        try
        {
            ChecksummedBlock.RequireFullyRead(payload, $"the main stream of the MLNet.Autoencoders component '{kind}'");
            PayloadFraming.ReadEnd(main, kind, formatVersion);
        }
        catch
        {
            (transformer as IDisposable)?.Dispose();
            throw;
        }
        return transformer;
    }
}
