using MLNet.Autoencoders.Estimators.Training;
using MLNet.Autoencoders.Transforms;
using MLNet.Autoencoders.Transforms.Networks;

namespace MLNet.Autoencoders.Tests.Training;

[TestClass]
public sealed class TrainingThreadsTests
{
    [TestMethod]
    public void Choose_DefaultThreads_OneForSmallNetworksEveryCoreForLargeOnes()
    {
        var small = new DenseArchitecture(9, [18], 1, [18], Activation.Relu);
        var large = new DenseArchitecture(784, [256], 64, [256], Activation.Relu);

        Assert.AreEqual(1, TrainingThreads.Choose(null, small, batchSize: 32));
        Assert.AreEqual(Environment.ProcessorCount, TrainingThreads.Choose(null, large, batchSize: 256));
        Assert.AreEqual(3, TrainingThreads.Choose(3, large, batchSize: 256), "an explicit count wins");
    }
}
