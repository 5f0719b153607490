using Microsoft.ML;
using MLNet.Autoencoders.ModelLoadCheck;
using MLNet.Autoencoders.Tests.Images;
using MLNet.Autoencoders.Transforms;
using MLNet.Autoencoders.Transforms.Networks;

namespace MLNet.Autoencoders.Tests.Persistence;

/// <summary>
/// A convolutional autoencoder and the decoder made from it survive plain mlContext.Model.Save / Model.Load,
/// in a new MLContext and in a fresh process, bit for bit.
/// </summary>
[TestClass]
public sealed class ConvolutionalPersistenceTests
{
    private static MLContext ml = null!;
    private static IDataView images = null!;
    private static IDataView codes = null!;
    private static AutoencoderTransformer autoencoder = null!;
    private static AutoencoderDecoderTransformer decoder = null!;
    private static TempDirectory directory = null!;
    private static string autoencoderPath = null!;
    private static string decoderPath = null!;

    [ClassInitialize]
    public static void FitAndSave(TestContext _)
    {
        ml = new MLContext(seed: 1);
        images = SyntheticImages.Load(ml, SyntheticImages.Rows(120));
        var options = ImageTestOptions.Small(epochs: 3);
        options.Noise = MLNet.Autoencoders.Estimators.NoiseKind.Gaussian;
        options.ScoringBatchSize = 50;
        autoencoder = ml.Transforms.ConvolutionalAutoencoder(options).Fit(images);
        decoder = autoencoder.CreateDecoder("Decoded");
        var encoded = autoencoder.Transform(images);
        codes = ml.Transforms.SelectColumns("Shape", "Latent").Fit(encoded).Transform(encoded);

        directory = new TempDirectory();
        autoencoderPath = RoundTrip.Save(ml, autoencoder, images.Schema, directory, "convolutional.zip");
        decoderPath = RoundTrip.Save(ml, decoder, codes.Schema, directory, "decoder.zip");
    }

    [ClassCleanup]
    public static void Cleanup()
    {
        decoder.Dispose();
        autoencoder.Dispose();
        directory.Dispose();
    }

    [TestMethod]
    public void SaveLoad_ConvolutionalAutoencoderInNewMLContext_GivesBitIdenticalOutputs()
    {
        using var loaded = (AutoencoderTransformer)new MLContext().Model.Load(autoencoderPath, out _);

        Assert.AreEqual(autoencoder.Architecture.ToString(), loaded.Architecture.ToString());
        Assert.IsInstanceOfType<ConvolutionalArchitecture>(loaded.Architecture);
        Assert.AreEqual(DataViewDump.ToText(autoencoder.Transform(images)), DataViewDump.ToText(loaded.Transform(images)));
    }

    [TestMethod]
    public void SaveLoad_ConvolutionalAutoencoderInFreshProcess_GivesBitIdenticalOutputs() =>
        RoundTrip.AssertFreshProcessReproduces(autoencoder, autoencoderPath, images, directory, "convolutional");

    [TestMethod]
    public void SaveLoad_DecoderInNewMLContext_GivesBitIdenticalOutputsAndKeepsItsColumns()
    {
        using var loaded = (AutoencoderDecoderTransformer)new MLContext().Model.Load(decoderPath, out var schema);

        Assert.AreEqual(decoder.Columns, loaded.Columns);
        Assert.AreEqual(decoder.Architecture.ToString(), loaded.Architecture.ToString());
        Assert.AreEqual(codes.Schema.Count, schema.Count);
        Assert.AreEqual(DataViewDump.ToText(decoder.Transform(codes)), DataViewDump.ToText(loaded.Transform(codes)));
    }

    [TestMethod]
    public void SaveLoad_DecoderInFreshProcess_GivesBitIdenticalOutputs() =>
        RoundTrip.AssertFreshProcessReproduces(decoder, decoderPath, codes, directory, "decoder");

    [TestMethod]
    public void CreateDecoder_OnLoadedAutoencoder_DecodesLikeTheOriginalsDecoder()
    {
        using var loaded = (AutoencoderTransformer)new MLContext().Model.Load(autoencoderPath, out _);
        using var fromLoaded = loaded.CreateDecoder("Decoded");

        Assert.AreEqual(DataViewDump.ToText(decoder.Transform(codes)), DataViewDump.ToText(fromLoaded.Transform(codes)));
    }
}
