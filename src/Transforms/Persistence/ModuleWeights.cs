using System.Security.Cryptography;
using TorchSharp;

namespace MLNet.Autoencoders.Transforms.Persistence;

/// <summary>
/// Writes a TorchSharp module's parameters as a length-prefixed, SHA-256-checked blob, and reads them
/// back into a module of the same architecture. The checksum turns a damaged model file into a clear
/// <see cref="InvalidDataException"/> instead of silently wrong weights.
/// </summary>
internal static class ModuleWeights
{
    private const int MaxBlobBytes = int.MaxValue - 64;

    public static void Write(BinaryWriter writer, torch.nn.Module module)
    {
        using var buffer = new MemoryStream();
        using (var moduleWriter = new BinaryWriter(buffer, System.Text.Encoding.UTF8, leaveOpen: true))
            module.save(moduleWriter);
        var bytes = buffer.GetBuffer().AsSpan(0, (int)buffer.Length);
        writer.Write(bytes.Length);
        writer.Write(SHA256.HashData(bytes));
        writer.Write(bytes);
    }

    public static void Read(BinaryReader reader, torch.nn.Module module, string componentName)
    {
        int length = reader.ReadInt32();
        if (length is <= 0 or > MaxBlobBytes)
            throw Corrupt(componentName, $"the weights entry declares {length} bytes");
        byte[] expectedHash = reader.ReadBytes(SHA256.HashSizeInBytes);
        byte[] bytes = reader.ReadBytes(length);
        if (expectedHash.Length != SHA256.HashSizeInBytes || bytes.Length != length)
            throw Corrupt(componentName, $"the weights entry is cut short ({bytes.Length} of {length} bytes)");
        if (!SHA256.HashData(bytes).AsSpan().SequenceEqual(expectedHash))
            throw Corrupt(componentName, "the weights do not match their checksum");

        using var moduleReader = new BinaryReader(new MemoryStream(bytes, writable: false));
        try
        {
            module.load(moduleReader, strict: true);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or IOException or EndOfStreamException)
        {
            throw Corrupt(componentName, $"its weights do not fit the stored architecture ({e.Message})", e);
        }
    }

    private static InvalidDataException Corrupt(string componentName, string reason, Exception? inner = null) =>
        new($"The model file is corrupt: {componentName}: {reason}.", inner);
}
