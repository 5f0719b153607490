using Microsoft.ML;
using Microsoft.ML.Data;
using MLNet.Autoencoders.Estimators;
using MLNet.Autoencoders.Tests.Images;
using MLNet.Autoencoders.Tests.TestData;
using MLNet.Autoencoders.Transforms;

namespace MLNet.Autoencoders.Tests.Transforms;

[TestClass]
public sealed class AutoencoderDecoderTransformerTests
{
    private static MLContext ml = null!;
    private static IDataView images = null!;
    private static AutoencoderTransformer convolutional = null!;

    [ClassInitialize]
    public static void Fit(TestContext _)
    {
        ml = new MLContext(seed: 1);
        images = SyntheticImages.Load(ml, SyntheticImages.Rows(150));
        var options = ImageTestOptions.Small(epochs: 5);
        options.ScoringBatchSize = 64;
        convolutional = ml.Transforms.ConvolutionalAutoencoder(options).Fit(images);
    }

    [ClassCleanup]
    public static void Cleanup() => convolutional.Dispose();

    [TestMethod]
    public void Transform_FedTheConvolutionalAutoencodersLatents_GivesItsReconstruction()
    {
        using var decoder = convolutional.CreateDecoder("Decoded");
        var encoded = convolutional.Transform(images);

        var decoded = Columns.Vectors(decoder.Transform(encoded), "Decoded");
        var reconstructed = Columns.Vectors(encoded, "Reconstruction");

        Assert.HasCount(150, decoded);
        for (int i = 0; i < decoded.Length; i++)
            CollectionAssert.AreEqual(reconstructed[i], decoded[i], new Tolerance(1e-6f), $"row {i}");
    }

    [TestMethod]
    public void Transform_FedTheDenseAutoencodersLatents_GivesItsReconstruction()
    {
        var data = ManifoldData.Load(ml, 100);
        using var dense = ml.Transforms.Autoencoder(new AutoencoderOptions { LatentDimension = 2, HiddenLayers = [8], Epochs = 3, Seed = 1 }).Fit(data);
        using var decoder = dense.CreateDecoder("Decoded");
        var encoded = dense.Transform(data);

        var decoded = Columns.Vectors(decoder.Transform(encoded), "Decoded");
        var reconstructed = Columns.Vectors(encoded, "Reconstruction");

        for (int i = 0; i < decoded.Length; i++)
            CollectionAssert.AreEqual(reconstructed[i], decoded[i], new Tolerance(1e-6f), $"row {i}");
    }

    [TestMethod]
    public void Transform_FedTheVariationalAutoencodersPosteriorMeans_GivesItsReconstruction()
    {
        var data = ManifoldData.Load(ml, 100);
        using var vae = ml.Transforms.VariationalAutoencoder(new VariationalAutoencoderOptions { LatentDimension = 2, HiddenLayers = [8], Epochs = 3, Seed = 1 }).Fit(data);
        using var decoder = vae.CreateDecoder("Decoded");
        var encoded = vae.Transform(data);

        var decoded = Columns.Vectors(decoder.Transform(encoded), "Decoded");
        var reconstructed = Columns.Vectors(encoded, "Reconstruction");

        for (int i = 0; i < decoded.Length; i++)
            CollectionAssert.AreEqual(reconstructed[i], decoded[i], new Tolerance(1e-6f), $"row {i}");
    }

    [TestMethod]
    public void CreateDecoder_WithoutNames_ReadsTheLatentColumnAndAddsTheReconstructionColumn()
    {
        using var decoder = convolutional.CreateDecoder();

        Assert.AreEqual("Latent", decoder.Columns.Latent);
        Assert.AreEqual("Reconstruction", decoder.Columns.Output);
    }

    [TestMethod]
    public void GetOutputSchema_ConvolutionalDecoder_OutputCarriesTheImageDimensions()
    {
        using var decoder = convolutional.CreateDecoder("Image", "Code");
        var input = ml.Data.LoadFromEnumerable(new[] { new CodeRow() });

        var type = (VectorDataViewType)decoder.GetOutputSchema(input.Schema)["Image"].Type;

        CollectionAssert.AreEqual(new[] { 1, 16, 16 }, type.Dimensions.ToArray());
    }

    [TestMethod]
    public void Transform_NewCodes_GeneratesImagesBatchedAndRowByRowAlike()
    {
        using var decoder = convolutional.CreateDecoder("Image", "Code");
        var random = new Random(4);
        var codes = Enumerable.Range(0, 70).Select(_ => new CodeRow { Code = [.. Enumerable.Range(0, 8).Select(_ => (float)random.NextDouble())] }).ToArray();
        var batched = Columns.Vectors(decoder.Transform(ml.Data.LoadFromEnumerable(codes)), "Image");
        var engine = ml.Model.CreatePredictionEngine<CodeRow, ImageOutput>(decoder);

        for (int i = 0; i < 10; i++)
            CollectionAssert.AreEqual(batched[i], engine.Predict(codes[i]).Image, new Tolerance(1e-5f), $"row {i}");
        Assert.IsTrue(batched.All(image => image.All(float.IsFinite)));
    }

    [TestMethod]
    public void Transform_LatentOfAnotherSize_ThrowsNamingColumnAndSizes()
    {
        using var decoder = convolutional.CreateDecoder("Image", "Features");
        var data = ManifoldData.Load(ml, 5);

        var exception = Assert.Throws<ArgumentOutOfRangeException>(() => decoder.Transform(data));

        Assert.Contains("Schema mismatch for input column 'Features'", exception.Message);
        Assert.Contains("The data has 6 features, but the model was trained on 8.", exception.Message);
    }

    [TestMethod]
    public void Transform_MissingLatentColumn_ThrowsMlNetWording()
    {
        using var decoder = convolutional.CreateDecoder("Image", "Code");

        var exception = Assert.Throws<ArgumentOutOfRangeException>(() => decoder.Transform(images));

        Assert.Contains("Could not find input column 'Code'", exception.Message);
    }

    [TestMethod]
    public void Decoder_OwnsItsNetwork_WorksAfterTheAutoencoderIsDisposed()
    {
        var autoencoder = ml.Transforms.ConvolutionalAutoencoder(ImageTestOptions.Small(epochs: 1)).Fit(images);
        using var decoder = autoencoder.CreateDecoder("Decoded");
        var encoded = ml.Data.TakeRows(autoencoder.Transform(images), 5);
        var expected = Columns.Vectors(encoded, "Reconstruction");
        var cached = ml.Data.LoadFromEnumerable(Columns.Vectors(encoded, "Latent").Select(code => new LatentRow { Latent = code }));
        autoencoder.Dispose();

        var decoded = Columns.Vectors(decoder.Transform(cached), "Decoded");

        for (int i = 0; i < expected.Length; i++)
            CollectionAssert.AreEqual(expected[i], decoded[i], new Tolerance(1e-6f), $"row {i}");
        Assert.Throws<ObjectDisposedException>(() => autoencoder.CreateDecoder());
    }

    [TestMethod]
    public void Dispose_ThenTransform_ThrowsObjectDisposed()
    {
        var decoder = convolutional.CreateDecoder();
        decoder.Dispose();

        Assert.Throws<ObjectDisposedException>(() => decoder.Transform(images));
    }

    [TestMethod]
    public void CreateDecoder_BlankColumnName_Throws()
    {
        var exception = Assert.Throws<ArgumentException>(() => convolutional.CreateDecoder(" "));

        Assert.Contains("'outputColumnName' must name a column.", exception.Message);
    }

    private sealed class CodeRow
    {
        [VectorType(8)]
        public float[] Code { get; set; } = new float[8];
    }

    private sealed class LatentRow
    {
        [VectorType(8)]
        public float[] Latent { get; set; } = [];
    }

    private sealed class ImageOutput
    {
        public float[] Image { get; set; } = [];
    }

    private sealed class Tolerance(float epsilon) : System.Collections.IComparer
    {
        public int Compare(object? x, object? y) => Math.Abs((float)x! - (float)y!) <= epsilon * Math.Max(1, Math.Abs((float)x!)) ? 0 : 1;
    }
}
