using System.Diagnostics;
using System.IO.Compression;
using Microsoft.ML;
using MLNet.Autoencoders.Estimators;
using MLNet.Autoencoders.Tests.Persistence;
using MLNet.Autoencoders.Tests.TestData;

namespace MLNet.Autoencoders.Tests.Reliability;

/// <summary>Damaged autoencoder model files give a clear managed exception from Model.Load, never a crash or wrong weights.</summary>
[TestClass]
public sealed class AutoencoderModelFileTests
{
    private static MLContext ml = null!;
    private static IDataView data = null!;
    private static TempDirectory directory = null!;
    private static string modelPath = null!;
    private static string otherArchitecturePath = null!;

    [ClassInitialize]
    public static void SaveModels(TestContext context)
    {
        ml = new MLContext(seed: 1);
        data = ManifoldData.Load(ml, 60);
        directory = new TempDirectory();
        modelPath = Save(hidden: 8, "model.zip");
        otherArchitecturePath = Save(hidden: 12, "other.zip");
    }

    [ClassCleanup]
    public static void Cleanup() => directory.Dispose();

    private static string Save(int hidden, string name)
    {
        var pipeline = ml.Transforms.NormalizeMinMax("Features")
            .Append(ml.Transforms.Autoencoder(new AutoencoderOptions { LatentDimension = 2, HiddenLayers = [hidden], Epochs = 2, Seed = 1 }));
        using var model = pipeline.Fit(data);
        string path = directory.File(name);
        ml.Model.Save(model, data.Schema, path);
        return path;
    }

    private static string Copy(string path)
    {
        string copy = directory.File($"{Guid.NewGuid():N}.zip");
        File.Copy(path, copy);
        return copy;
    }

    private static string Entry(string path, string suffix) => ModelZipSurgery.EntryNames(path).Single(e => e.EndsWith(suffix, StringComparison.Ordinal) && e.Contains("Transform_001"));

    private static Exception LoadFails(string path)
    {
        var exception = Assert.Throws<Exception>(() =>
        {
            var loaded = new MLContext().Model.Load(path, out _);
            (loaded as IDisposable)?.Dispose();
        });
        return exception;
    }

    [TestMethod]
    public void Load_FlippedByteInWeightsEntry_ThrowsChecksumMismatch()
    {
        string path = Copy(modelPath);
        ModelZipSurgery.RewriteEntry(path, Entry(path, "Weights.bin"), bytes => { bytes[bytes.Length / 2] ^= 0x10; return bytes; });

        var corrupt = ExceptionChain.Find<InvalidDataException>(LoadFails(path));
        Assert.Contains("the entry 'Weights.bin' of the MLNet.Autoencoders component 'Autoencoder' does not match its checksum", corrupt.Message);
    }

    [TestMethod]
    public void Load_FlippedByteInHyperParameters_ThrowsChecksumMismatch()
    {
        string path = Copy(modelPath);
        ModelZipSurgery.RewriteEntry(path, Entry(path, "Model.key"), bytes =>
        {
            var (start, length) = ModelZipSurgery.ModelBlockRange(bytes);
            bytes[start + length / 2] ^= 0x01;
            return bytes;
        });

        var corrupt = ExceptionChain.Find<InvalidDataException>(LoadFails(path));
        Assert.Contains("the main stream of the MLNet.Autoencoders component 'Autoencoder' does not match its checksum", corrupt.Message);
    }

    [TestMethod]
    public void Load_WeightsOfAnotherArchitecture_ThrowsWeightsDoNotFit()
    {
        string path = Copy(modelPath);
        byte[] foreign = ReadEntry(otherArchitecturePath, Entry(otherArchitecturePath, "Weights.bin"));
        ModelZipSurgery.RewriteEntry(path, Entry(path, "Weights.bin"), _ => foreign);

        var corrupt = ExceptionChain.Find<InvalidDataException>(LoadFails(path));
        Assert.Contains("weights do not fit the stored architecture", corrupt.Message);
    }

    [TestMethod]
    [DataRow(0.1)]
    [DataRow(0.5)]
    [DataRow(0.9)]
    [DataRow(0.99)]
    public void Load_TruncatedZip_ThrowsManagedException(double keep)
    {
        string path = directory.File($"truncated-{keep}.zip");
        byte[] bytes = File.ReadAllBytes(modelPath);
        File.WriteAllBytes(path, bytes[..(int)(bytes.Length * keep)]);

        var exception = LoadFails(path);
        Assert.IsTrue(exception is InvalidDataException or IOException or FormatException or InvalidOperationException
            || ExceptionChain.Of(exception).Any(e => e is InvalidDataException or IOException), ExceptionChain.Describe(exception));
    }

    [TestMethod]
    public void Load_HundredsOfRandomlyDamagedCopies_NeverCrashesAndNeverLoadsChangedWeights()
    {
        var random = new Random(2024);
        byte[] original = File.ReadAllBytes(modelPath);
        string[] ourEntries = [Entry(modelPath, "Model.key"), Entry(modelPath, "Weights.bin")];
        var clock = Stopwatch.StartNew();
        int variants = 0, rejected = 0;
        while (variants < 300 && clock.Elapsed < TimeSpan.FromSeconds(60))
        {
            string path = directory.File("mutant.zip");
            File.WriteAllBytes(path, original);
            string entry = ourEntries[random.Next(ourEntries.Length)];
            int mode = random.Next(3);
            ModelZipSurgery.RewriteEntry(path, entry, bytes => Mutate(bytes, OurBytes(entry, bytes), mode, random));
            variants++;
            try
            {
                var loaded = new MLContext().Model.Load(path, out _);
                (loaded as IDisposable)?.Dispose();
                Assert.Fail($"variant {variants} ({entry}, mode {mode}) loaded although our entry changed");
            }
            catch (Exception e) when (e is not AssertFailedException)
            {
                // Damage inside our bytes is reported by our checksums; a cut may also reach ML.NET's own header
                // and tail, which ML.NET reports itself (e.g. an unreadable loader assembly name).
                bool ours = ExceptionChain.Of(e).Any(x => x is InvalidDataException or EndOfStreamException);
                Assert.IsTrue(ours || mode == 1, $"variant {variants} (mode {mode}): {ExceptionChain.Describe(e)}");
                rejected++;
            }
        }
        Assert.IsGreaterThanOrEqualTo(100, variants, "the loop ran long enough to mean something");
        Assert.AreEqual(variants, rejected);
    }

    /// <summary>The part of an entry our component wrote: all of Weights.bin, the model block of Model.key.</summary>
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

    private static byte[] ReadEntry(string zipPath, string entryName)
    {
        using var zip = ZipFile.OpenRead(zipPath);
        using var stream = zip.GetEntry(entryName)!.Open();
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }
}
