using System.Diagnostics;
using System.IO.Compression;
using Microsoft.ML;

namespace MLNet.Autoencoders.Tests.Persistence;

/// <summary>
/// Damages copies of a saved model the ways disks, transfers and people do, and checks what loading them reports: the
/// body of every component's model-file tests. Works on any model zip: the entries an MLNet.Autoencoders component wrote
/// are the "Model.key" and "Weights.bin" of each folder holding a "Weights.bin" (of Model.key, only the model block is
/// the component's; ML.NET writes the header and tail around it).
/// </summary>
internal sealed class ModelFileDamage
{
    private readonly TempDirectory directory;

    /// <param name="modelPath">The saved model; it is never changed.</param>
    /// <param name="directory">Where the damaged copies go.</param>
    public ModelFileDamage(string modelPath, TempDirectory directory)
    {
        ModelPath = modelPath;
        this.directory = directory;
        string[] folders = ModelZipSurgery.EntryNames(modelPath)
            .Where(e => e.EndsWith("/Weights.bin", StringComparison.Ordinal))
            .Select(e => e[..^"Weights.bin".Length])
            .ToArray();
        if (folders.Length == 0)
            throw new ArgumentException($"{modelPath} holds no MLNet.Autoencoders component (no Weights.bin entry).", nameof(modelPath));
        ComponentEntries = folders.SelectMany(f => new[] { f + "Model.key", f + "Weights.bin" }).ToArray();
    }

    public string ModelPath { get; }

    /// <summary>The Model.key and Weights.bin entries of every MLNet.Autoencoders component in the model.</summary>
    public IReadOnlyList<string> ComponentEntries { get; }

    /// <summary>Asserts that loading <paramref name="path"/> in a new MLContext throws, and returns the exception.</summary>
    public static Exception LoadFails(string path) => Assert.Throws<Exception>(() =>
    {
        var loaded = new MLContext().Model.Load(path, out _);
        (loaded as IDisposable)?.Dispose();
    });

    /// <summary>A copy of the model with the first <paramref name="keep"/> fraction of its bytes.</summary>
    public string Truncated(double keep)
    {
        byte[] bytes = File.ReadAllBytes(ModelPath);
        string path = NewPath();
        File.WriteAllBytes(path, bytes[..(int)(bytes.Length * keep)]);
        return path;
    }

    /// <summary>A copy of the model with one bit flipped in the middle of the component's bytes of <paramref name="entry"/>.</summary>
    public string WithFlippedByte(string entry) => WithEntry(entry, bytes =>
    {
        var (start, length) = OurBytes(entry, bytes);
        bytes[start + length / 2] ^= 0x10;
        return bytes;
    });

    /// <summary>
    /// A copy of the model whose <paramref name="entry"/> holds the bytes of the same-named entry (Model.key or Weights.bin)
    /// of the first MLNet.Autoencoders component in <paramref name="otherModelPath"/>.
    /// </summary>
    public string WithEntryFrom(string otherModelPath, string entry)
    {
        string fileName = entry[(entry.LastIndexOf('/') + 1)..];
        string source = new ModelFileDamage(otherModelPath, directory).ComponentEntries.First(e => e.EndsWith("/" + fileName, StringComparison.Ordinal));
        byte[] foreign = ReadEntry(otherModelPath, source);
        return WithEntry(entry, _ => foreign);
    }

    /// <summary>A copy of the model whose <paramref name="entry"/> holds <paramref name="rewrite"/>(its bytes).</summary>
    public string WithEntry(string entry, Func<byte[], byte[]> rewrite)
    {
        string path = NewPath();
        File.Copy(ModelPath, path);
        ModelZipSurgery.RewriteEntry(path, entry, rewrite);
        return path;
    }

    /// <summary>
    /// Loads up to <paramref name="variants"/> copies (within <paramref name="budget"/>, at least 100), each with one
    /// random bit flipped, one run of garbage written, or a cut, in one of the component's entries, and asserts that every
    /// one is rejected: damage inside the component's bytes by its checksums (an <see cref="InvalidDataException"/> or
    /// <see cref="EndOfStreamException"/> in the chain), a cut that also reaches ML.NET's own header or tail by any
    /// managed exception. Returns the number of variants loaded.
    /// </summary>
    public int AssertRandomDamageIsAlwaysRejected(int seed, int variants = 300, TimeSpan? budget = null)
    {
        var random = new Random(seed);
        byte[] original = File.ReadAllBytes(ModelPath);
        string path = directory.File($"mutant-{seed}.zip");
        var clock = Stopwatch.StartNew();
        int loaded = 0;
        while (loaded < variants && clock.Elapsed < (budget ?? TimeSpan.FromSeconds(60)))
        {
            File.WriteAllBytes(path, original);
            string entry = ComponentEntries[random.Next(ComponentEntries.Count)];
            int mode = random.Next(3);
            ModelZipSurgery.RewriteEntry(path, entry, bytes => Mutate(bytes, OurBytes(entry, bytes), mode, random));
            loaded++;
            try
            {
                var model = new MLContext().Model.Load(path, out _);
                (model as IDisposable)?.Dispose();
                Assert.Fail($"variant {loaded} ({entry}, mode {mode}) loaded although the component's entry changed");
            }
            catch (Exception e) when (e is not AssertFailedException)
            {
                bool ours = ExceptionChain.Of(e).Any(x => x is InvalidDataException or EndOfStreamException);
                Assert.IsTrue(ours || mode == 1, $"variant {loaded} ({entry}, mode {mode}): {ExceptionChain.Describe(e)}");
            }
        }
        Assert.IsGreaterThanOrEqualTo(100, loaded, "the loop ran long enough to mean something");
        return loaded;
    }

    public static byte[] ReadEntry(string zipPath, string entryName)
    {
        using var zip = ZipFile.OpenRead(zipPath);
        using var stream = zip.GetEntry(entryName)!.Open();
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }

    private string NewPath() => directory.File($"{Guid.NewGuid():N}.zip");

    /// <summary>The part of an entry the component wrote: all of Weights.bin, the model block of Model.key.</summary>
    private static (int Start, int Length) OurBytes(string entry, byte[] bytes) =>
        entry.EndsWith("Model.key", StringComparison.Ordinal) ? ModelZipSurgery.ModelBlockRange(bytes) : (0, bytes.Length);

    private static byte[] Mutate(byte[] bytes, (int Start, int Length) ours, int mode, Random random)
    {
        switch (mode)
        {
            case 0: // flip one bit of ours
                bytes[ours.Start + random.Next(ours.Length)] ^= (byte)(1 << random.Next(8));
                return bytes;
            case 1: // cut the entry short
                return bytes[..random.Next(bytes.Length)];
            default: // overwrite a run of ours with garbage
                int start = ours.Start + random.Next(ours.Length);
                int length = Math.Min(ours.Start + ours.Length - start, 1 + random.Next(16));
                var garbage = new byte[length];
                random.NextBytes(garbage);
                if (garbage.AsSpan().SequenceEqual(bytes.AsSpan(start, length)))
                    garbage[0] ^= 0xFF;
                garbage.CopyTo(bytes, start);
                return bytes;
        }
    }
}
