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
        modelPath = directory.File("imputer.zip");
        ml.Model.Save(model, data.Schema, modelPath);
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
        using var loaded = (AutoencoderTransformer)new MLContext().Model.Load(modelPath, out _);

        string expected = DataViewDump.ToText(model.Transform(data));
        Assert.Contains("Imputed", expected);
        Assert.AreEqual(expected, DataViewDump.ToText(loaded.Transform(data)));
        CollectionAssert.AreEqual(model.Scaler.MissingValueFill!.ToArray(), loaded.Scaler.MissingValueFill!.ToArray());
        Assert.AreEqual(model.Columns, loaded.Columns);
    }

    [TestMethod]
    public void SaveLoad_InFreshProcess_GivesBitIdenticalOutputsForEveryColumn()
    {
        string inputPath = directory.File("input.idv");
        string outputPath = directory.File("fresh-process.txt");
        PersistenceTestData.SaveBinary(ml, data, inputPath);
        var input = ml.Data.LoadFromBinary(inputPath);

        var result = ModelLoadCheckProcess.Run(modelPath, inputPath, outputPath);

        Assert.AreEqual(0, result.ExitCode, result.StandardError + result.StandardOutput);
        Assert.AreEqual(DataViewDump.ToText(model.Transform(input)), File.ReadAllText(outputPath));
    }
}
