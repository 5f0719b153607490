using Microsoft.ML;
using MLNet.Autoencoders.ModelLoadCheck;
using MLNet.Autoencoders.Tests.Persistence;
using MLNet.Autoencoders.Tests.TestData;

namespace MLNet.Autoencoders.Tests.Reliability;

/// <summary>A seed fixes the model across processes, not only within one.</summary>
[TestClass]
public sealed class CrossProcessDeterminismTests
{
    [TestMethod]
    public void Fit_SameSeedInAFreshProcess_GivesBitIdenticalOutputs()
    {
        using var directory = new TempDirectory();
        var ml = new MLContext();
        string inputPath = directory.File("input.idv");
        PersistenceTestData.SaveBinary(ml, ManifoldData.Load(ml, 150), inputPath);
        var input = ml.Data.LoadFromBinary(inputPath);

        string here = ReferenceFit.FitAndDump(ml, input, seed: 21);
        var result = ModelLoadCheckProcess.Fit(seed: 21, inputPath, directory.File("there.txt"));

        Assert.AreEqual(0, result.ExitCode, result.StandardError);
        Assert.AreEqual(here, File.ReadAllText(directory.File("there.txt")));
        Assert.AreNotEqual(here, ReferenceFit.FitAndDump(ml, input, seed: 22), "another seed gives another model");
    }
}
