using MLNet.Autoencoders.Estimators.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace MLNet.Autoencoders.Tests.Training;

[TestClass]
public sealed class AdamOptimizerTests
{
    /// <summary>Two identical small networks: one stepped by TorchSharp's optim.Adam, one by <see cref="AdamOptimizer"/>.</summary>
    private static (nn.Module<Tensor, Tensor> Reference, nn.Module<Tensor, Tensor> Ours) TwinNetworks()
    {
        var reference = nn.Sequential(nn.Linear(12, 8), nn.ReLU(), nn.Linear(8, 12));
        var ours = nn.Sequential(nn.Linear(12, 8), nn.ReLU(), nn.Linear(8, 12));
        using var noGrad = no_grad();
        foreach (var (target, source) in ours.parameters().Zip(reference.parameters()))
            target.copy_(source);
        return (reference, ours);
    }

    private static void Backward(nn.Module<Tensor, Tensor> network, Tensor batch)
    {
        using var scope = NewDisposeScope();
        nn.functional.mse_loss(network.forward(batch), batch).backward();
    }

    [TestMethod]
    [DataRow(0.0)]
    [DataRow(0.01)]
    public void Step_MatchesTorchSharpAdam_BitForBit(double weightDecay)
    {
        using var generator = new Generator(5);
        var (reference, ours) = TwinNetworks();
        using var referenceOptimizer = optim.Adam(reference.parameters(), 0.01, weight_decay: weightDecay);
        using var optimizer = new AdamOptimizer(ours.parameters(), 0.01, weightDecay);

        for (int step = 0; step < 25; step++)
        {
            using var batch = rand([16, 12], generator: generator);
            referenceOptimizer.zero_grad();
            Backward(reference, batch);
            referenceOptimizer.step();
            optimizer.ZeroGrad();
            Backward(ours, batch);
            optimizer.Step();
        }

        using (var scope = NewDisposeScope())
        {
            foreach (var (expected, actual) in reference.parameters().Zip(ours.parameters()))
                Assert.IsTrue(expected.eq(actual).all().item<bool>(), "after 25 steps every parameter is identical to optim.Adam's");
        }
        reference.Dispose();
        ours.Dispose();
    }

    [TestMethod]
    public void StepAndZeroGrad_LeaveNoTensorOrScalarAlive()
    {
        var (reference, ours) = TwinNetworks();
        reference.Dispose();
        using var optimizer = new AdamOptimizer(ours.parameters(), 0.01, weightDecay: 0.01);
        using var batch = rand(16, 12);
        Backward(ours, batch);
        optimizer.Step();   // first step: any lazily created state exists from here on

        long tensors = Tensor.TotalCount;
        for (int step = 0; step < 10; step++)
        {
            optimizer.ZeroGrad();
            Backward(ours, batch);
            optimizer.Step();
        }

        Assert.AreEqual(tensors, Tensor.TotalCount, "ten more steps leave no tensor for the garbage collector");
        ours.Dispose();
    }
}
