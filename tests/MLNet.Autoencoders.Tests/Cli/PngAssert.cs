using System.Buffers.Binary;

namespace MLNet.Autoencoders.Tests.Cli;

/// <summary>Checks that a file is a PNG image of a given size: the 8-byte signature, then the IHDR chunk's width and height.</summary>
internal static class PngAssert
{
    private static readonly byte[] Signature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    public static void IsImage(string path, int width, int height)
    {
        Assert.IsTrue(File.Exists(path), $"{path} was not written");
        var bytes = File.ReadAllBytes(path);
        Assert.IsGreaterThan(33, bytes.Length, $"{path} is too short for a PNG");
        CollectionAssert.AreEqual(Signature, bytes[..8], $"{path} has no PNG signature");
        Assert.AreEqual("IHDR", System.Text.Encoding.ASCII.GetString(bytes, 12, 4), $"{path}: the first chunk is not IHDR");
        Assert.AreEqual(width, BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16)), $"{path}: width");
        Assert.AreEqual(height, BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20)), $"{path}: height");
    }
}
