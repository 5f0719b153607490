using Microsoft.ML;
using MLNet.Autoencoders.ModelLoadCheck;
using static MLNet.Autoencoders.Tests.Reliability.ReliabilityComponents;

namespace MLNet.Autoencoders.Tests.Reliability;

/// <summary>
/// In one process, a seed fixes every column a component outputs and every loss it reports, whether the seed is set in
/// the options or drawn from a seeded MLContext; another seed gives another model. (Across processes:
/// CrossProcessDeterminismTests.)
/// </summary>
[TestClass]
public sealed class ComponentDeterminismTests
{
    [TestMethod]
    [DataRow(DenseAutoencoder)]
    [DataRow(AnomalyDetector)]
    [DataRow(VariationalAutoencoder)]
    [DataRow(MissingValueAutoencoder)]
    [DataRow(ConvolutionalAutoencoder)]
    [DataRow(ConvolutionalVariationalAutoencoder)]
    public void Fit_SameSeedTwice_GivesBitIdenticalOutputsAndLosses_AnotherSeedAnotherModel(string name)
    {
        var component = Named(name);
        var (first, firstLosses) = FitAndDump(component, new MLContext(seed: 5), seed: null);
        var (second, secondLosses) = FitAndDump(component, new MLContext(seed: 5), seed: null);
        var (other, otherLosses) = FitAndDump(component, new MLContext(seed: 5), seed: 2);

        Assert.AreEqual(first, second);
        Assert.AreEqual(firstLosses, secondLosses);
        Assert.AreNotEqual(first, other);
        Assert.AreNotEqual(firstLosses, otherLosses);
    }

    /// <summary>The dump of the component's outputs on its training rows, and every loss of every network, as text.</summary>
    private static (string Outputs, string Losses) FitAndDump(ReliabilityComponent component, MLContext ml, int? seed)
    {
        var data = component.Data(ml, 80);
        var model = component.Estimator(ml, o => Set(o, "Seed", seed)).Fit(data);
        try
        {
            string losses = string.Join("\n", FittedModels.Histories(model).SelectMany(h => h).Select(e =>
                $"{e.Epoch} {BitConverter.DoubleToInt64Bits(e.TrainingLoss):X} {BitConverter.DoubleToInt64Bits(e.ValidationLoss ?? double.NaN):X} " +
                string.Join(" ", e.TrainingTerms.Select(t => $"{t.Key}={BitConverter.DoubleToInt64Bits(t.Value):X}"))));
            return (DataViewDump.ToText(model.Transform(data)), losses);
        }
        finally
        {
            (model as IDisposable)?.Dispose();
        }
    }
}
