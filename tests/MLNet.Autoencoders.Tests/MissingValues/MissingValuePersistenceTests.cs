using Microsoft.ML;
using MLNet.Autoencoders.ModelLoadCheck;
using MLNet.Autoencoders.Tests.Persistence;
using MLNet.Autoencoders.Transforms;

namespace MLNet.Autoencoders.Tests.MissingValues;

/// <summary>A model that treats NaN as missing keeps its fill values and imputed column through Model.Save / Model.Load, bit for bit.</summary>
[TestClass]
public sealed class MissingValuePersistenceTests
{
    private static MLContext ml = null!;
    private static IDataView data = null!;
    private static AutoencoderTransformer model = null!;
    private static TempDirectory directory = null!;
    private static string modelPath = null!;

    [ClassInitialize]
    public static void FitAndSave(TestContext _)
    {
        ml = new MLContext(seed: 1);
        data = ml.Data.LoadFromEnumerable(new HiddenEntries(150, fraction: 0.2).Masked);
        model = ml.Transforms.Autoencoder(MissingValueImputationTests.Options(epochs: 10)).Fit(data);
        directory = new TempDirectory();
        modelPath = RoundTrip.Save(ml, model, data.Schema, directory, "imputer.zip");
    }

    [ClassCleanup]
    public static void Cleanup()
    {
        model.Dispose();
        directory.Dispose();
    }

    [TestMethod]
    public void SaveLoad_InNewMLContext_GivesBitIdenticalOutputsAndKeepsTheFillValues()
    {
        string expected = DataViewDump.ToText(model.Transform(data));
        Assert.Contains("Imputed", expected);
        Assert.AreEqual(expected, RoundTrip.DumpAfterLoad(modelPath, data));
        RoundTrip.WithLoaded(modelPath, (loaded, _) =>
        {
            var imputer = (AutoencoderTransformer)loaded;
            CollectionAssert.AreEqual(model.Scaler.MissingValueFill!.ToArray(), imputer.Scaler.MissingValueFill!.ToArray());
            Assert.AreEqual(model.Columns, imputer.Columns);
            return 0;
        });
    }

    [TestMethod]
    public void SaveLoad_InFreshProcess_GivesBitIdenticalOutputsForEveryColumn() =>
        RoundTrip.AssertFreshProcessReproduces(model, modelPath, data, directory);
}
