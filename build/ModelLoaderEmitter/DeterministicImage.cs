using System.Buffers.Binary;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;
using System.Security.Cryptography;

namespace MLNet.Autoencoders.Build.ModelLoaderEmitter;

/// <summary>
/// Makes an emitted PE image depend only on its content. PersistedAssemblyBuilder stamps a random
/// module version id (MVID) and a time-based COFF timestamp; both are replaced by values derived from
/// a SHA-256 of the image, the way the C# compiler does for deterministic builds.
/// </summary>
internal static class DeterministicImage
{
    public static byte[] Normalize(byte[] image)
    {
        int mvidOffset;
        int timestampOffset;
        using (var pe = new PEReader(new MemoryStream(image, writable: false)))
        {
            MetadataReader metadata = pe.GetMetadataReader();
            GuidHandle mvid = metadata.GetModuleDefinition().Mvid;
            int guidIndex = MetadataTokens.GetHeapOffset(mvid); // 1-based index into the #GUID heap
            mvidOffset = pe.PEHeaders.MetadataStartOffset
                + metadata.GetHeapMetadataOffset(HeapIndex.Guid)
                + (guidIndex - 1) * 16;
            timestampOffset = pe.PEHeaders.CoffHeaderStartOffset + 4; // Machine (2 bytes), NumberOfSections (2 bytes)
        }

        byte[] result = (byte[])image.Clone();
        result.AsSpan(mvidOffset, 16).Clear();
        result.AsSpan(timestampOffset, 4).Clear();
        byte[] hash = SHA256.HashData(result);
        hash.AsSpan(0, 16).CopyTo(result.AsSpan(mvidOffset, 16));
        uint timestamp = BinaryPrimitives.ReadUInt32LittleEndian(hash.AsSpan(16, 4)) | 0x80000000u;
        BinaryPrimitives.WriteUInt32LittleEndian(result.AsSpan(timestampOffset, 4), timestamp);
        return result;
    }
}
