using System.Security.Cryptography;

namespace MLNet.Autoencoders.Transforms.Persistence;

/// <summary>
/// A length-prefixed, SHA-256-checked block of bytes inside a model stream. Every byte an
/// MLNet.Autoencoders component saves goes through one, so a damaged model file surfaces as a clear
/// <see cref="InvalidDataException"/> naming the damaged part, never as silently different weights.
/// </summary>
internal static class ChecksummedBlock
{
    /// <summary>The largest block read back: a model's weights stay far below it.</summary>
    private const int MaxLength = int.MaxValue - 1024;

    /// <summary>Buffers what <paramref name="write"/> writes, then writes its length, its hash and the bytes; returns the hash.</summary>
    public static byte[] Write(BinaryWriter target, Action<BinaryWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer, System.Text.Encoding.UTF8, leaveOpen: true))
            write(writer);
        var bytes = buffer.GetBuffer().AsSpan(0, (int)buffer.Length);
        byte[] hash = SHA256.HashData(bytes);
        target.Write(bytes.Length);
        target.Write(hash);
        target.Write(bytes);
        return hash;
    }

    /// <summary>
    /// Reads a block written by <see cref="Write"/>, checks it, and returns a reader over its bytes.
    /// <paramref name="what"/> names the block in the error, e.g. "the entry 'Weights.bin' of component 'Autoencoder'".
    /// </summary>
    /// <exception cref="InvalidDataException">The block is cut short or its bytes do not match its checksum.</exception>
    /// <param name="source">The stream positioned at the block.</param>
    /// <param name="what">Names the block in errors.</param>
    /// <param name="expectedHash">When given, the hash the block must carry: the one the model's main stream recorded for it,
    /// so that an entry copied from another model is rejected although its own checksum holds.</param>
    public static BinaryReader Read(BinaryReader source, string what, byte[]? expectedHash = null)
    {
        int length;
        byte[] hash, bytes;
        try
        {
            length = source.ReadInt32();
            if (length is < 0 or > MaxLength)
                throw ModelFileErrors.Corrupt($"{what} declares {length} bytes", null);
            hash = source.ReadBytes(SHA256.HashSizeInBytes);
            bytes = source.ReadBytes(length);
        }
        catch (Exception e) when (ModelFileErrors.IsCorruption(e))
        {
            throw ModelFileErrors.Corrupt($"Could not read {what}", e);
        }
        if (hash.Length != SHA256.HashSizeInBytes || bytes.Length != length)
            throw ModelFileErrors.Corrupt($"{what} is cut short ({bytes.Length} of {length} bytes)", null);
        if (!SHA256.HashData(bytes).AsSpan().SequenceEqual(hash))
            throw ModelFileErrors.Corrupt($"{what} does not match its checksum (a byte was changed)", null);
        if (expectedHash is not null && !expectedHash.AsSpan().SequenceEqual(hash))
            throw ModelFileErrors.Corrupt($"{what} is not the one this model saved (it belongs to another model file)", null);
        return new BinaryReader(new MemoryStream(bytes, writable: false));
    }

    /// <summary>Throws when <paramref name="reader"/>, from <see cref="Read"/>, was not read to its end.</summary>
    public static void RequireFullyRead(BinaryReader reader, string what)
    {
        long left = reader.BaseStream.Length - reader.BaseStream.Position;
        if (left != 0)
            throw ModelFileErrors.Corrupt($"{what} holds {left} bytes more than its component read", null);
    }
}
