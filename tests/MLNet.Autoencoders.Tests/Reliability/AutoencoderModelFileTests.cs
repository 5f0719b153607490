using Microsoft.ML;
using MLNet.Autoencoders.Estimators;
using MLNet.Autoencoders.Tests.Persistence;
using MLNet.Autoencoders.Tests.TestData;

namespace MLNet.Autoencoders.Tests.Reliability;

/// <summary>
/// Damaged autoencoder model files give a clear managed exception from Model.Load, never a crash or wrong weights.
/// (The other components' model files: ComponentModelFileTests.)
/// </summary>
[TestClass]
public sealed class AutoencoderModelFileTests
{
    private static MLContext ml = null!;
    private static IDataView data = null!;
    private static TempDirectory directory = null!;
    private static ModelFileDamage damage = null!;
    private static string otherArchitecturePath = null!;
    private static string otherSeedPath = null!;

    [ClassInitialize]
    public static void SaveModels(TestContext context)
    {
        ml = new MLContext(seed: 1);
        data = ManifoldData.Load(ml, 60);
        directory = new TempDirectory();
        damage = new ModelFileDamage(Save(hidden: 8, "model.zip"), directory);
        otherArchitecturePath = Save(hidden: 12, "other.zip");
        otherSeedPath = Save(hidden: 8, "other-seed.zip", seed: 2);
    }

    [ClassCleanup]
    public static void Cleanup() => directory.Dispose();

    private static string Save(int hidden, string name, int seed = 1)
    {
        var pipeline = ml.Transforms.NormalizeMinMax("Features")
            .Append(ml.Transforms.Autoencoder(new AutoencoderOptions { LatentDimension = 2, HiddenLayers = [hidden], Epochs = 2, Seed = seed }));
        using var model = pipeline.Fit(data);
        string path = directory.File(name);
        ml.Model.Save(model, data.Schema, path);
        return path;
    }

    private static string Entry(string suffix) => damage.ComponentEntries.Single(e => e.EndsWith(suffix, StringComparison.Ordinal) && e.Contains("Transform_001"));

    [TestMethod]
    public void Load_FlippedByteInWeightsEntry_ThrowsChecksumMismatch()
    {
        var corrupt = ExceptionChain.Find<InvalidDataException>(ModelFileDamage.LoadFails(damage.WithFlippedByte(Entry("Weights.bin"))));

        Assert.Contains("the entry 'Weights.bin' of the MLNet.Autoencoders component 'Autoencoder' does not match its checksum", corrupt.Message);
    }

    [TestMethod]
    public void Load_FlippedByteInHyperParameters_ThrowsChecksumMismatch()
    {
        var corrupt = ExceptionChain.Find<InvalidDataException>(ModelFileDamage.LoadFails(damage.WithFlippedByte(Entry("Model.key"))));

        Assert.Contains("the main stream of the MLNet.Autoencoders component 'Autoencoder' does not match its checksum", corrupt.Message);
    }

    [TestMethod]
    public void Load_WeightsOfAnotherArchitecture_ThrowsBelongsToAnotherModel()
    {
        var corrupt = ExceptionChain.Find<InvalidDataException>(ModelFileDamage.LoadFails(damage.WithEntryFrom(otherArchitecturePath, Entry("Weights.bin"))));

        Assert.Contains("the entry 'Weights.bin' of the MLNet.Autoencoders component 'Autoencoder' is not the one this model saved", corrupt.Message);
    }

    [TestMethod]
    public void Load_WeightsOfAnotherModelWithTheSameArchitecture_ThrowsBelongsToAnotherModel()
    {
        var corrupt = ExceptionChain.Find<InvalidDataException>(ModelFileDamage.LoadFails(damage.WithEntryFrom(otherSeedPath, Entry("Weights.bin"))));

        Assert.Contains("it belongs to another model file", corrupt.Message);
    }

    [TestMethod]
    [DataRow(0.1)]
    [DataRow(0.5)]
    [DataRow(0.9)]
    [DataRow(0.99)]
    public void Load_TruncatedZip_ThrowsManagedException(double keep)
    {
        var exception = ModelFileDamage.LoadFails(damage.Truncated(keep));

        Assert.IsTrue(exception is InvalidDataException or IOException or FormatException or InvalidOperationException
            || ExceptionChain.Of(exception).Any(e => e is InvalidDataException or IOException), ExceptionChain.Describe(exception));
    }

    [TestMethod]
    public void Load_HundredsOfRandomlyDamagedCopies_NeverCrashesAndNeverLoadsChangedWeights() =>
        damage.AssertRandomDamageIsAlwaysRejected(seed: 2024);
}
