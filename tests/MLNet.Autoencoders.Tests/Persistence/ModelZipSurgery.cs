using System.Buffers.Binary;
using System.IO.Compression;

namespace MLNet.Autoencoders.Tests.Persistence;

/// <summary>
/// Damages a saved model in controlled ways, to test what loading reports. A model zip holds one
/// "Model.key" entry per component: ML.NET's 256-byte ModelHeader, the model block, the string table,
/// the loader assembly name and a tail (layout: Microsoft.ML.Core/Data/ModelHeader.cs, v5.0.0).
/// </summary>
internal static class ModelZipSurgery
{
    private const int FpModel = 0x10, CbModel = 0x18, FpStringTable = 0x20, FpStringChars = 0x30;
    private const int ModelVerWritten = 0x48, ModelVerReadable = 0x4C, FpTail = 0x80, FpLim = 0x88, FpAssemblyName = 0x90;

    /// <summary>The names of all entries, e.g. "TransformerChain/Transform_000/Model.key".</summary>
    public static IReadOnlyList<string> EntryNames(string zipPath)
    {
        using ZipArchive zip = ZipFile.OpenRead(zipPath);
        return zip.Entries.Select(e => e.FullName).ToArray();
    }

    /// <summary>Replaces the bytes of entry <paramref name="entryName"/> by <paramref name="rewrite"/>(bytes).</summary>
    public static void RewriteEntry(string zipPath, string entryName, Func<byte[], byte[]> rewrite)
    {
        using ZipArchive zip = ZipFile.Open(zipPath, ZipArchiveMode.Update);
        ZipArchiveEntry entry = zip.GetEntry(entryName) ?? throw new ArgumentException($"No entry '{entryName}' in {zipPath}.");
        byte[] bytes;
        using (Stream input = entry.Open())
        using (var buffer = new MemoryStream())
        {
            input.CopyTo(buffer);
            bytes = buffer.ToArray();
        }
        entry.Delete();
        using Stream output = zip.CreateEntry(entryName).Open();
        output.Write(rewrite(bytes));
    }

    /// <summary>Keeps only the first <paramref name="keep"/> bytes of a Model.key entry's model block, with a header that still validates.</summary>
    public static byte[] TruncateModelBlock(byte[] modelKey, int keep)
    {
        long fpModel = Read(modelKey, FpModel);
        long cbModel = Read(modelKey, CbModel);
        if (keep < 0 || keep > cbModel)
            throw new ArgumentOutOfRangeException(nameof(keep), $"The model block has {cbModel} bytes.");
        long cut = cbModel - keep;

        byte[] result = [.. modelKey.AsSpan(0, (int)(fpModel + keep)), .. modelKey.AsSpan((int)(fpModel + cbModel))];
        Write(result, CbModel, keep);
        foreach (int field in new[] { FpStringTable, FpStringChars, FpAssemblyName })
        {
            if (Read(result, field) != 0)
                Write(result, field, Read(result, field) - cut);
        }
        Write(result, FpTail, Read(result, FpTail) - cut);
        Write(result, FpLim, Read(result, FpLim) - cut);
        return result;
    }

    /// <summary>The model block of a Model.key entry (what a component's save code wrote).</summary>
    /// <summary>Where the component's own bytes (the model block) lie inside a Model.key entry.</summary>
    public static (int Start, int Length) ModelBlockRange(byte[] modelKey) =>
        ((int)Read(modelKey, FpModel), (int)Read(modelKey, CbModel));

    public static byte[] ModelBlock(byte[] modelKey) =>
        modelKey.AsSpan((int)Read(modelKey, FpModel), (int)Read(modelKey, CbModel)).ToArray();

    /// <summary>Pretends the entry was written by a newer format: its versions become <paramref name="version"/>.</summary>
    public static byte[] SetModelVersions(byte[] modelKey, uint version)
    {
        byte[] result = (byte[])modelKey.Clone();
        BinaryPrimitives.WriteUInt32LittleEndian(result.AsSpan(ModelVerWritten), version);
        BinaryPrimitives.WriteUInt32LittleEndian(result.AsSpan(ModelVerReadable), version);
        return result;
    }

    private static long Read(byte[] bytes, int offset) => BinaryPrimitives.ReadInt64LittleEndian(bytes.AsSpan(offset));

    private static void Write(byte[] bytes, int offset, long value) => BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(offset), value);
}
