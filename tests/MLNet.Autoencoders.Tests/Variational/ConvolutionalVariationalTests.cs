using Microsoft.ML;
using Microsoft.ML.Data;
using MLNet.Autoencoders.Estimators;
using MLNet.Autoencoders.ModelLoadCheck;
using MLNet.Autoencoders.Tests.Images;
using MLNet.Autoencoders.Tests.Persistence;
using MLNet.Autoencoders.Tests.TestData;
using MLNet.Autoencoders.Transforms;
using MLNet.Autoencoders.Transforms.Networks;

namespace MLNet.Autoencoders.Tests.Variational;

/// <summary>The convolutional variational autoencoder: columns, KL term, sampling, persistence, determinism and its architecture's format.</summary>
[TestClass]
public sealed class ConvolutionalVariationalTests
{
    private const int Latent = 4;
    private const int ImageSize = 16 * 16;

    private static MLContext ml = null!;
    private static ImageRow[] rows = null!;
    private static IDataView data = null!;
    private static AutoencoderTransformer model = null!;

    // One thread and tiny images: a few epochs take a second or two.
    internal static ConvolutionalVariationalAutoencoderOptions Options(int epochs = 8, int? seed = 3, float beta = 1f) => new()
    {
        InputColumnName = nameof(ImageRow.Pixels),
        LatentDimension = Latent,
        Channels = [8, 16],
        Epochs = epochs,
        BatchSize = 32,
        LearningRate = 0.005f,
        ValidationFraction = 0,
        Beta = beta,
        Seed = seed,
        NumberOfThreads = 1,
    };

    [ClassInitialize]
    public static void FitOnce(TestContext _)
    {
        ml = new MLContext(seed: 1);
        rows = SyntheticImages.Rows(160);
        data = SyntheticImages.Load(ml, rows);
        model = ml.Transforms.ConvolutionalVariationalAutoencoder(Options()).Fit(data);
    }

    [ClassCleanup]
    public static void DisposeModel() => model.Dispose();

    [TestMethod]
    public void Fit_AddsPosteriorMeanLogVarianceReconstructionAndErrorColumns_OfTheRightSizes()
    {
        var scored = model.Transform(data);
        var schema = scored.Schema;

        Assert.AreEqual(new VectorDataViewType(NumberDataViewType.Single, Latent), schema["Latent"].Type);
        Assert.AreEqual(new VectorDataViewType(NumberDataViewType.Single, Latent), schema["LatentLogVariance"].Type);
        Assert.AreEqual(ImageSize, ((VectorDataViewType)schema["Reconstruction"].Type).Size);
        Assert.AreEqual(NumberDataViewType.Single, schema["ReconstructionError"].Type);
        var logVariances = Columns.Vectors(scored, "LatentLogVariance");
        Assert.HasCount(rows.Length, logVariances);
        Assert.IsTrue(logVariances.All(v => v.Length == Latent && v.All(float.IsFinite)));
        var architecture = Assert.IsInstanceOfType<ConvolutionalVariationalArchitecture>(model.Architecture);
        Assert.IsTrue(architecture.IsVariational);
        Assert.AreEqual(new ImageShape(1, 16, 16), architecture.Convolution.Image);
        StringAssert.StartsWith(architecture.ToString(), "variational 1x16x16 -conv[8, 16]");
    }

    [TestMethod]
    public void GetOutputSchema_SimpleOverload_ListsTheLogVarianceColumn()
    {
        var estimator = ml.Transforms.ConvolutionalVariationalAutoencoder("Code", nameof(ImageRow.Pixels), latentDimension: 3, beta: 2f, channels: [4], epochs: 1, seed: 1);

        var shape = estimator.GetOutputSchema(SchemaShapes.Of(data.Schema));

        foreach (var name in new[] { "Code", "LatentLogVariance", "Reconstruction", "ReconstructionError" })
            Assert.IsNotNull(SchemaShapes.Find(shape, name), name);
    }

    [TestMethod]
    public void Fit_ReportsReconstructionAndKLTermsEveryEpoch_AndTheLossFalls()
    {
        var history = model.LossHistory;

        Assert.HasCount(8, history);
        foreach (var epoch in history)
        {
            CollectionAssert.AreEquivalent(new[] { EpochLoss.ReconstructionTerm, VariationalAutoencoderNetwork.KLPenalty }, epoch.TrainingTerms.Keys.ToArray());
            Assert.AreEqual(epoch.TrainingLoss, epoch.TrainingTerms.Values.Sum(), 1e-9);
            Assert.IsGreaterThan(0, epoch.TrainingTerms[VariationalAutoencoderNetwork.KLPenalty]);
        }
        Assert.IsLessThan(history[0].TrainingLoss, history[^1].TrainingLoss);
        StringAssert.Contains(history[^1].ToString(), "kl ");
    }

    [TestMethod]
    public void Sample_ReturnsImageSizedRowsInASaneRange_TheSameForTheSameSeed()
    {
        var samples = model.Sample(30, seed: 7);

        Assert.AreEqual(new VectorDataViewType(NumberDataViewType.Single, ImageSize), samples.Schema[nameof(ImageRow.Pixels)].Type);
        var images = Columns.Vectors(samples, nameof(ImageRow.Pixels));
        Assert.HasCount(30, images);
        foreach (var image in images)
        {
            Assert.HasCount(ImageSize, image);
            Assert.IsTrue(image.All(p => float.IsFinite(p) && p > -1f && p < 2f), $"pixels from {image.Min()} to {image.Max()}; training pixels are in [0, 1]");
        }
        Assert.AreEqual(DataViewDump.ToText(samples), DataViewDump.ToText(model.Sample(30, seed: 7)));
    }

    [TestMethod]
    public void InterpolateAndCreateDecoder_GiveImages_TheDecoderTypedWithTheImageDimensions()
    {
        var morph = model.Interpolate(rows[0].Pixels, rows[1].Pixels, steps: 5);
        using var decoder = model.CreateDecoder("Decoded");
        var decoded = decoder.Transform(model.Transform(data));

        Assert.IsTrue(Columns.Vectors(morph, nameof(ImageRow.Pixels)).Select(image => image.Length).SequenceEqual(Enumerable.Repeat(ImageSize, 5)));
        Assert.AreEqual(new VectorDataViewType(NumberDataViewType.Single, 1, 16, 16), decoded.Schema["Decoded"].Type);
        CollectionAssert.AreEqual(Columns.Vectors(decoded, "Reconstruction")[3], Columns.Vectors(decoded, "Decoded")[3]);
    }

    [TestMethod]
    public void SaveLoad_InNewMLContext_GivesBitIdenticalOutputsAndSamples()
    {
        using var directory = new TempDirectory();
        string path = RoundTrip.Save(ml, model, data.Schema, directory, "conv-vae.zip");
        string expected = DataViewDump.ToText(model.Transform(data));
        Assert.Contains("LatentLogVariance", expected);

        Assert.AreEqual(expected, RoundTrip.DumpAfterLoad(path, data));
        RoundTrip.AssertFreshProcessReproduces(model, path, data, directory);
        RoundTrip.WithLoaded(path, (loaded, _) =>
        {
            var transformer = RoundTrip.Find<AutoencoderTransformer>(loaded);
            Assert.IsInstanceOfType<ConvolutionalVariationalArchitecture>(transformer.Architecture);
            Assert.AreEqual(model.Architecture.ToString(), transformer.Architecture.ToString());
            Assert.AreEqual(model.Columns, transformer.Columns);
            Assert.AreEqual(DataViewDump.ToText(model.Sample(10, seed: 4)), DataViewDump.ToText(transformer.Sample(10, seed: 4)));
            return 0;
        });
    }

    [TestMethod]
    public void Fit_SameSeed_GivesBitIdenticalModels()
    {
        var subset = SyntheticImages.Load(ml, rows.Take(64));
        using var first = new MLContext(seed: 5).Transforms.ConvolutionalVariationalAutoencoder(Options(epochs: 2, seed: 11)).Fit(subset);
        using var second = new MLContext(seed: 6).Transforms.ConvolutionalVariationalAutoencoder(Options(epochs: 2, seed: 11)).Fit(subset);

        Assert.AreEqual(DataViewDump.ToText(first.Transform(subset)), DataViewDump.ToText(second.Transform(subset)));
        CollectionAssert.AreEqual(first.LossHistory.Select(e => e.TrainingLoss).ToArray(), second.LossHistory.Select(e => e.TrainingLoss).ToArray());
        CollectionAssert.AreEqual(first.LossHistory.Select(e => e.TrainingTerms[VariationalAutoencoderNetwork.KLPenalty]).ToArray(),
            second.LossHistory.Select(e => e.TrainingTerms[VariationalAutoencoderNetwork.KLPenalty]).ToArray());
    }

    [TestMethod]
    public void ArchitectureWriteRead_RoundTripsEveryField()
    {
        var original = new ConvolutionalVariationalArchitecture(new ConvolutionalArchitecture(new ImageShape(3, 16, 8), [5, 7], 9,
            ConvolutionalDownsampling.MaxPooling, ConvolutionalUpsampling.NearestNeighbor, Activation.Tanh, OutputActivation.Sigmoid));
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true))
            original.Write(writer);
        stream.Position = 0;
        Assert.AreEqual(4, stream.ReadByte());
        stream.Position = 0;

        var read = Assert.IsInstanceOfType<ConvolutionalVariationalArchitecture>(NetworkArchitecture.Read(new BinaryReader(stream)));

        Assert.AreEqual(original.ToString(), read.ToString());
        Assert.AreEqual(original.Convolution.Image, read.Convolution.Image);
        CollectionAssert.AreEqual(original.Convolution.Channels.ToArray(), read.Convolution.Channels.ToArray());
        Assert.AreEqual((original.LatentDimension, original.Convolution.Downsampling, original.Convolution.Upsampling, original.Convolution.Activation, original.Convolution.OutputActivation),
            (read.LatentDimension, read.Convolution.Downsampling, read.Convolution.Upsampling, read.Convolution.Activation, read.Convolution.OutputActivation));
        Assert.AreEqual(stream.Length, stream.Position);
    }

    [TestMethod]
    public void Network_EncodeDistribution_GivesMeanAndLogVarianceOfTheLatentSize()
    {
        var architecture = new ConvolutionalVariationalArchitecture(new ConvolutionalArchitecture(new ImageShape(2, 8, 8), [4], 3,
            ConvolutionalDownsampling.StridedConvolution, ConvolutionalUpsampling.TransposedConvolution, Activation.Relu, OutputActivation.Identity));
        using var network = architecture.CreateNetwork();
        using var input = TorchSharp.torch.rand(5, 128);

        var (mean, logVariance) = ((IVariationalNetwork)network).EncodeDistribution(input);
        using var encoded = network.Encode(input);
        using var decoded = network.Decode(mean);

        CollectionAssert.AreEqual(new long[] { 5, 3 }, mean.shape);
        CollectionAssert.AreEqual(new long[] { 5, 3 }, logVariance.shape);
        CollectionAssert.AreEqual(mean.data<float>().ToArray(), encoded.data<float>().ToArray());
        CollectionAssert.AreEqual(new long[] { 5, 128 }, decoded.shape);
        mean.Dispose();
        logVariance.Dispose();
    }

    [TestMethod]
    public void Options_NegativeBeta_ThrowsWithNameRuleAndValue()
    {
        var options = Options();
        options.Beta = -1f;

        var exception = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => ml.Transforms.ConvolutionalVariationalAutoencoder(options));

        Assert.AreEqual("Beta", exception.ParamName);
        StringAssert.Contains(exception.Message, "'Beta' must be in [0, 1000]");
    }

    [TestMethod]
    public void Options_LogVarianceColumnNamedLikeTheLatentColumn_Throws()
    {
        var options = Options();
        options.LatentLogVarianceColumnName = options.LatentColumnName;

        var exception = Assert.ThrowsExactly<ArgumentException>(() => ml.Transforms.ConvolutionalVariationalAutoencoder(options));

        StringAssert.Contains(exception.Message, "'LatentLogVarianceColumnName' must differ from the other output column names. Got 'Latent'.");
    }

    [TestMethod]
    public void Options_TooFewChannels_ThrowsAsForTheConvolutionalAutoencoder()
    {
        var options = Options();
        options.Channels = [];

        var exception = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => ml.Transforms.ConvolutionalVariationalAutoencoder(options));

        StringAssert.Contains(exception.Message, "'Channels' must hold between 1 and");
    }
}
