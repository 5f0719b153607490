using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLNet.Autoencoders.Tests.Persistence;

/// <summary>Damaged model files loaded through plain <c>mlContext.Model.Load</c> give an exception that says so, never a crash.</summary>
[TestClass]
public sealed class ModelFileCorruptionTests
{
    [TestMethod]
    [DataRow(0.1)]
    [DataRow(0.5)]
    [DataRow(0.9)]
    [DataRow(0.99)]
    public void ModelLoad_TruncatedZip_ThrowsInvalidDataOrFormatException(double keptFraction)
    {
        using var temp = new TempDirectory();
        string modelPath = SaveScaleByConstantModel(temp);
        byte[] bytes = File.ReadAllBytes(modelPath);
        File.WriteAllBytes(modelPath, bytes[..(int)(bytes.Length * keptFraction)]);

        Exception exception = Assert.Throws<Exception>(() => new MLContext(seed: 1).Model.Load(modelPath, out _));

        Assert.IsTrue(ExceptionChain.Of(exception).Any(e => e is InvalidDataException or FormatException),
            ExceptionChain.Describe(exception));
    }

    [TestMethod]
    [DataRow(0)]
    [DataRow(1)]
    [DataRow(5)]
    [DataRow(10)]
    public void ModelLoad_ComponentPayloadCutShort_ThrowsCorruptModelFile(int keptBytes)
    {
        using var temp = new TempDirectory();
        string modelPath = SaveScaleByConstantModel(temp);
        ModelZipSurgery.RewriteEntry(modelPath, ComponentEntry(modelPath), bytes => ModelZipSurgery.TruncateModelBlock(bytes, keptBytes));

        Exception exception = Assert.Throws<Exception>(() => new MLContext(seed: 1).Model.Load(modelPath, out _));

        var corrupt = ExceptionChain.Find<InvalidDataException>(exception);
        Assert.StartsWith("The model file is corrupt: ", corrupt.Message);
    }

    [TestMethod]
    public void ModelLoad_ComponentWrittenByNewerFormat_ThrowsMlNetTooNewMessage()
    {
        using var temp = new TempDirectory();
        string modelPath = SaveScaleByConstantModel(temp);
        ModelZipSurgery.RewriteEntry(modelPath, ComponentEntry(modelPath), bytes => ModelZipSurgery.SetModelVersions(bytes, 0x00020001));

        Exception exception = Assert.Throws<Exception>(() => new MLContext(seed: 1).Model.Load(modelPath, out _));

        var tooNew = ExceptionChain.Find<FormatException>(exception);
        Assert.Contains("because the model is too new", tooNew.Message);
        Assert.Contains("MLNetAutoencodersModel", tooNew.Message);
    }

    [TestMethod]
    public void ModelSave_OfAChain_KeepsEachComponentsEntriesInItsOwnDirectory()
    {
        using var temp = new TempDirectory();
        string modelPath = temp.File("model.zip");
        var mlContext = new MLContext(seed: 1);
        var chain = new TransformerChain<ITransformer>(new ScaleByConstantTransformer("X", 2f), new ScaleByConstantTransformer("X", 3f));
        mlContext.Model.Save(chain, PersistenceTestData.Create(mlContext).Schema, modelPath);

        IReadOnlyList<string> names = ModelZipSurgery.EntryNames(modelPath);
        foreach (string component in new[] { "TransformerChain/Transform_000/", "TransformerChain/Transform_001/" })
        {
            CollectionAssert.Contains(names.ToList(), component + "Model.key");
            CollectionAssert.Contains(names.ToList(), component + ScaleByConstantTransformer.FactorEntry);
        }

        Exception exception = Assert.Throws<Exception>(() => new MLContext(seed: 2).Model.Load(modelPath, out _));
        Assert.Contains("of kind 'ScaleByConstant'", ExceptionChain.Find<InvalidDataException>(exception).Message);
    }

    private static string SaveScaleByConstantModel(TempDirectory temp)
    {
        string modelPath = temp.File("model.zip");
        var mlContext = new MLContext(seed: 1);
        mlContext.Model.Save(new ScaleByConstantTransformer("X", 2f), PersistenceTestData.Create(mlContext).Schema, modelPath);
        return modelPath;
    }

    // The Model.key beside the component's extra entry ("TransformerChain/Model.key" for a lone transformer).
    private static string ComponentEntry(string modelPath)
    {
        IReadOnlyList<string> names = ModelZipSurgery.EntryNames(modelPath);
        string factor = names.Single(n => n.EndsWith("/" + ScaleByConstantTransformer.FactorEntry, StringComparison.Ordinal));
        string modelKey = factor[..(factor.LastIndexOf('/') + 1)] + "Model.key";
        CollectionAssert.Contains(names.ToList(), modelKey);
        return modelKey;
    }
}
