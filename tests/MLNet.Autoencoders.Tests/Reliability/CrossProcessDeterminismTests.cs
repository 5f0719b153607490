using Microsoft.ML;
using MLNet.Autoencoders.ModelLoadCheck;
using MLNet.Autoencoders.Tests.Persistence;
using static MLNet.Autoencoders.ModelLoadCheck.ReferenceFit;

namespace MLNet.Autoencoders.Tests.Reliability;

/// <summary>A seed fixes every component's model across processes, not only within one; another seed gives another model.</summary>
[TestClass]
public sealed class CrossProcessDeterminismTests
{
    [TestMethod]
    [DataRow(DenseAutoencoder)]
    [DataRow(AnomalyDetector)]
    [DataRow(VariationalAutoencoder)]
    [DataRow(MissingValueAutoencoder)]
    [DataRow(ConvolutionalAutoencoder)]
    [DataRow(ConvolutionalVariationalAutoencoder)]
    public void Fit_SameSeedInAFreshProcess_GivesBitIdenticalOutputs(string component)
    {
        using var directory = new TempDirectory();
        var ml = new MLContext();
        string inputPath = directory.File("input.idv");
        // The reliability tests' rows for the component: manifold points, with holes for the missing-value autoencoder, or images.
        var rows = ReliabilityComponents.Named(component);
        PersistenceTestData.SaveBinary(ml, rows.Data(ml, component == ConvolutionalAutoencoder ? 80 : 150), inputPath);
        var input = ml.Data.LoadFromBinary(inputPath);

        string here = FitAndDump(ml, input, seed: 21, component);
        var result = ModelLoadCheckProcess.Fit(seed: 21, inputPath, directory.File("there.txt"), component);

        Assert.AreEqual(0, result.ExitCode, result.StandardError);
        Assert.AreEqual(here, File.ReadAllText(directory.File("there.txt")));
        Assert.AreNotEqual(here, FitAndDump(ml, input, seed: 22, component), "another seed gives another model");
    }
}
