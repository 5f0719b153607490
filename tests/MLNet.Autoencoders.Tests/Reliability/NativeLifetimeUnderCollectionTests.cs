using Microsoft.ML;
using Microsoft.ML.Data;
using MLNet.Autoencoders.Estimators;
using MLNet.Autoencoders.Estimators.Training;
using MLNet.Autoencoders.Tests.TestData;
using MLNet.Autoencoders.Transforms;
using MLNet.Autoencoders.Transforms.Networks;
using TorchSharp;
using static TorchSharp.torch;

namespace MLNet.Autoencoders.Tests.Reliability;

/// <summary>
/// The library's optimiser steps, training passes and scoring batches, run while another thread forces garbage
/// collections: no native error, and exactly the numbers of the same run without collections. A TorchSharp Scalar freed
/// by its finalizer while libtorch reads it shows up as "Expected false to be true" or, silently, as other numbers.
/// </summary>
[TestClass]
public sealed class NativeLifetimeUnderCollectionTests
{
    private const int Steps = 6000;

    [TestMethod]
    public void AdamSteps_UnderForcedCollections_AreBitIdenticalToARunWithout()
    {
        float[] quiet = AdamRun(hammer: false, out _);
        float[] hammered = AdamRun(hammer: true, out long collections);

        Assert.IsGreaterThan(10, collections, $"the hammer ran ({collections} collections)");
        CollectionAssert.AreEqual(quiet, hammered, "parameters after the steps");
    }

    /// <summary>The parameters of a small LeakyReLU network after <see cref="Steps"/> steps of our Adam, with weight decay.</summary>
    private static float[] AdamRun(bool hammer, out long collections)
    {
        using var generator = new Generator(11);
        var seed = manual_seed(3);
        using var network = LayerStacks.Dense(8, [6], 8, Activation.LeakyRelu);
        using var optimizer = new AdamOptimizer(network.parameters(), 0.01, weightDecay: 0.001);
        using var batch = rand([4, 8], generator: generator);
        using (var collector = hammer ? new CollectionHammer() : null)
        {
            for (int step = 0; step < Steps; step++)
            {
                using var scope = NewDisposeScope();
                optimizer.ZeroGrad();
                nn.functional.mse_loss(network.forward(batch), batch).backward();
                optimizer.Step();
            }
            collections = collector?.Collections ?? 0;
        }
        return network.parameters().SelectMany(p => p.data<float>().ToArray()).ToArray();
    }

    [TestMethod]
    [DataRow(false)]
    [DataRow(true)]
    public void FitAndTransform_UnderForcedCollections_AreBitIdenticalToARunWithout(bool variational)
    {
        var ml = new MLContext(seed: 1);
        var data = ml.Data.LoadFromEnumerable(ManifoldData.Rows(200));

        float[] quiet = FitAndScore(ml, data, variational, hammer: false);
        float[] hammered = FitAndScore(ml, data, variational, hammer: true);

        CollectionAssert.AreEqual(quiet, hammered, "reconstructions of a fit and a transform under forced collections");
    }

    /// <summary>A denoising, sparse fit of many small batches (or a VAE's, with its KL term), then every row's reconstruction.</summary>
    private static float[] FitAndScore(MLContext ml, IDataView data, bool variational, bool hammer)
    {
        using var collector = hammer ? new CollectionHammer() : null;
        IEstimator<AutoencoderTransformer> estimator = variational
            ? ml.Transforms.VariationalAutoencoder(new VariationalAutoencoderOptions
            {
                LatentDimension = 2, HiddenLayers = [8], Activation = Activation.Elu, Epochs = 25, BatchSize = 4,
                ValidationFraction = 0.2f, Seed = 4, NumberOfThreads = 1, ScoringBatchSize = 16,
            })
            : ml.Transforms.Autoencoder(new AutoencoderOptions
            {
                LatentDimension = 2, HiddenLayers = [8], Activation = Activation.LeakyRelu, Epochs = 25, BatchSize = 4,
                Noise = NoiseKind.Gaussian, NoiseLevel = 0.1f, SparsityWeight = 0.01f, WeightDecay = 0.0001f,
                ValidationFraction = 0.2f, Seed = 4, NumberOfThreads = 1, ScoringBatchSize = 16,
            });
        using var model = estimator.Fit(data);
        var scored = model.Transform(data);
        return scored.GetColumn<VBuffer<float>>("Reconstruction").SelectMany(v => v.DenseValues()).ToArray();
    }
}
