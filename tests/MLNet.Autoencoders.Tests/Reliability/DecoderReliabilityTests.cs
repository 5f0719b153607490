using Microsoft.ML;
using Microsoft.ML.Data;
using MLNet.Autoencoders.ModelLoadCheck;
using MLNet.Autoencoders.Tests.Persistence;
using MLNet.Autoencoders.Tests.TestData;
using MLNet.Autoencoders.Transforms;

namespace MLNet.Autoencoders.Tests.Reliability;

/// <summary>
/// The decoder made from a convolutional autoencoder (CreateDecoder) under the reliability tests' mistakes: schema errors
/// from every entry point, non-finite codes, empty input, use after Dispose, native tensors, and several threads.
/// (Its model files: ComponentModelFileTests; its basic behaviour: AutoencoderDecoderTransformerTests.)
/// </summary>
[TestClass]
public sealed class DecoderReliabilityTests
{
    private const int LatentSize = 4;
    private static readonly VectorDataViewType LatentType = new(NumberDataViewType.Single, LatentSize);
    private static MLContext ml = null!;
    private static AutoencoderTransformer autoencoder = null!;
    private static float[][] codes = null!;

    [ClassInitialize]
    public static void Fit(TestContext _)
    {
        ml = new MLContext(seed: 1);
        var component = ReliabilityComponents.Named(ReliabilityComponents.ConvolutionalAutoencoder);
        autoencoder = (AutoencoderTransformer)component.Estimator(ml).Fit(component.Data(ml, 60));
        codes = Columns.Vectors(autoencoder.Transform(component.Data(ml, 40, seed: 3)), "Latent");
    }

    [ClassCleanup]
    public static void Cleanup() => autoencoder.Dispose();

    private static IDataView Codes(IEnumerable<float[]> rows) => FeatureRow.Load(ml, rows, LatentType, "Latent");

    private static PredictionEngine<FeatureRow, DecodedRow> Engine(ITransformer decoder, VectorDataViewType inputType, string inputName = "Latent") =>
        ml.Model.CreatePredictionEngine<FeatureRow, DecodedRow>(decoder, new PredictionEngineOptions
        {
            InputSchemaDefinition = FeatureRow.Definition(inputType, inputName),
            OwnsTransformer = false,
        });

    public sealed class DecodedRow
    {
        public float[] Reconstruction { get; set; } = [];
    }

    [TestMethod]
    public void EveryEntryPoint_MissingMistypedOrMisSizedLatentColumn_ThrowsSchemaErrors()
    {
        using var decoder = autoencoder.CreateDecoder();
        var cases = new List<(IDataView Data, string Message)>
        {
            (FeatureRow.Load(ml, codes, LatentType, "Code"), "Could not find input column 'Latent'."),
            (FeatureRow.Load(ml, [new float[6]], new VectorDataViewType(NumberDataViewType.Single, 6), "Latent"),
                "Schema mismatch for input column 'Latent': expected vector of Single of size 4, got Vector<Single, 6>. The data has 6 features, but the model was trained on 4."),
        };
        foreach (var data in BadColumns.NotKnownSizeFloatVectors(ml, LatentType))
        {
            var renamed = ml.Transforms.CopyColumns("Latent", "Features").Fit(data).Transform(data);
            cases.Add((renamed, $"Schema mismatch for input column 'Latent': expected known-size vector of Single, got {renamed.Schema["Latent"].Type}."));
        }

        foreach (var (data, message) in cases)
        {
            Expect.Throws<ArgumentOutOfRangeException>(() => decoder.Transform(data), message);
            Expect.Throws<ArgumentOutOfRangeException>(() => decoder.GetOutputSchema(data.Schema), message);
            Expect.Throws<ArgumentOutOfRangeException>(() => decoder.GetRowToRowMapper(data.Schema), message);
        }
        Expect.Throws<ArgumentOutOfRangeException>(() => Engine(decoder, new VectorDataViewType(NumberDataViewType.Single, 6)), "The data has 6 features, but the model was trained on 4.");
        Expect.Throws<ArgumentOutOfRangeException>(() => Engine(decoder, LatentType, "Code"), "Could not find input column 'Latent'.");
    }

    [TestMethod]
    [DataRow(float.NaN)]
    [DataRow(float.PositiveInfinity)]
    [DataRow(float.NegativeInfinity)]
    public void Transform_NonFiniteCode_GivesNonFiniteOutputForThatRowOnly(float value)
    {
        using var decoder = autoencoder.CreateDecoder();
        const int Poisoned = 20;
        var clean = Columns.Vectors(decoder.Transform(Codes(codes)), "Reconstruction");
        var poisonedCodes = codes.Select(c => c.ToArray()).ToArray();
        poisonedCodes[Poisoned][1] = value;

        var decoded = Columns.Vectors(decoder.Transform(Codes(poisonedCodes)), "Reconstruction");
        var engine = Engine(decoder, LatentType);

        Assert.IsTrue(decoded[Poisoned].Any(v => !float.IsFinite(v)));
        Assert.IsTrue(engine.Predict(new FeatureRow { Features = poisonedCodes[Poisoned] }).Reconstruction.Any(v => !float.IsFinite(v)));
        for (int i = 0; i < codes.Length; i++)
        {
            if (i != Poisoned)
                CollectionAssert.AreEqual(clean[i], decoded[i], $"row {i}");
        }
    }

    [TestMethod]
    public void Transform_EmptyView_GivesNoRows()
    {
        using var decoder = autoencoder.CreateDecoder();

        StringAssert.EndsWith(DataViewDump.ToText(decoder.Transform(Codes([]))), "rows 0\n");
    }

    [TestMethod]
    public void CreateTransformAndDispose_LeaveNoNativeTensorAlive_AndEveryLaterUseThrowsObjectDisposed()
    {
        long before = LiveTensors.Count();
        var decoder = autoencoder.CreateDecoder();
        long created = LiveTensors.Count();
        var viewMadeBefore = decoder.Transform(Codes(codes));
        var engineMadeBefore = Engine(decoder, LatentType);
        for (int i = 0; i < 10; i++)
            _ = DataViewDump.ToText(decoder.Transform(Codes(codes)));
        _ = engineMadeBefore.Predict(new FeatureRow { Features = codes[0] });
        long used = LiveTensors.Count();
        using var directory = new TempDirectory();

        decoder.Dispose();
        decoder.Dispose();

        // A copy of the autoencoder's 12 parameter tensors (see ReliabilityComponents), each with its temporary.
        Assert.AreEqual(before + 24, created);
        Assert.AreEqual(created, used, "decoding leaves no tensor behind");
        Assert.AreEqual(before + 12, LiveTensors.Count(), "disposing the decoder frees its parameters");
        Assert.ThrowsExactly<ObjectDisposedException>(() => decoder.Transform(Codes(codes)));
        Assert.ThrowsExactly<ObjectDisposedException>(() => decoder.GetOutputSchema(Codes(codes).Schema));
        Assert.ThrowsExactly<ObjectDisposedException>(() => decoder.GetRowToRowMapper(Codes(codes).Schema));
        ExceptionChain.Find<ObjectDisposedException>(Assert.Throws<Exception>(() => ml.Model.Save(decoder, Codes(codes).Schema, directory.File("disposed.zip"))));
        ExceptionChain.Find<ObjectDisposedException>(Assert.Throws<Exception>(() => DataViewDump.ToText(viewMadeBefore)));
        ExceptionChain.Find<ObjectDisposedException>(Assert.Throws<Exception>(() => engineMadeBefore.Predict(new FeatureRow { Features = codes[0] })));
    }

    [TestMethod]
    public void LoadedDecoder_OnSeveralThreads_MatchesOneThread_AndDisposingItFreesItsTensors()
    {
        using var directory = new TempDirectory();
        string path;
        using (var decoder = autoencoder.CreateDecoder())
            path = RoundTrip.Save(ml, decoder, Codes(codes).Schema, directory, "decoder.zip");
        long before = LiveTensors.Count();
        var loaded = new MLContext().Model.Load(path, out _);
        var decoded = loaded.Transform(Codes(codes));
        string expected = DataViewDump.ToText(decoded);
        var expectedRows = codes.Select(c => Engine(loaded, LatentType).Predict(new FeatureRow { Features = c }).Reconstruction).ToArray();
        var dumps = new string[4];
        var predictions = new float[4][][];

        Parallel.For(0, 4, new ParallelOptions { MaxDegreeOfParallelism = 4 }, t =>
        {
            dumps[t] = DataViewDump.ToText(decoded);
            var engine = Engine(loaded, LatentType);
            predictions[t] = codes.Select(c => engine.Predict(new FeatureRow { Features = c }).Reconstruction).ToArray();
        });
        ((IDisposable)loaded).Dispose();

        foreach (string dump in dumps)
            Assert.AreEqual(expected, dump);
        foreach (var rows in predictions)
        {
            for (int i = 0; i < rows.Length; i++)
                CollectionAssert.AreEqual(expectedRows[i], rows[i], $"row {i}");
        }
        Assert.AreEqual(before + 12, LiveTensors.Count());
    }
}
