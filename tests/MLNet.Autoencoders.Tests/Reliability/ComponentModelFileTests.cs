using Microsoft.ML;
using MLNet.Autoencoders.Tests.Persistence;
using MLNet.Autoencoders.Transforms;
using static MLNet.Autoencoders.Tests.Reliability.ReliabilityComponents;

namespace MLNet.Autoencoders.Tests.Reliability;

/// <summary>
/// Damaged model files of every persisted component (the detector, the variational, missing-value, convolutional and
/// convolutional variational autoencoders, and the decoder made from the convolutional one) give a managed exception from Model.Load naming the
/// damage, never a crash or a model with changed weights. (The dense autoencoder's: AutoencoderModelFileTests.)
/// </summary>
[TestClass]
public sealed class ComponentModelFileTests
{
    private const string Decoder = "Decoder";
    private static TempDirectory directory = null!;
    private static readonly Dictionary<string, string> Saved = [];
    private static readonly Dictionary<string, string> OtherArchitecture = [];

    /// <summary>For each component, another with a different architecture, whose entries must not load in its place.</summary>
    private static readonly Dictionary<string, string> Foreign = new()
    {
        [AnomalyDetector] = VariationalAutoencoder,
        [VariationalAutoencoder] = AnomalyDetector,
        [MissingValueAutoencoder] = ConvolutionalAutoencoder,
        [ConvolutionalAutoencoder] = VariationalAutoencoder,
        [ConvolutionalVariationalAutoencoder] = ConvolutionalAutoencoder,
        [Decoder] = MissingValueAutoencoder,
    };

    /// <summary>The kind each component's messages name.</summary>
    private static readonly Dictionary<string, string> Kind = new()
    {
        [AnomalyDetector] = "AutoencoderAnomalyDetector",
        [VariationalAutoencoder] = "Autoencoder",
        [MissingValueAutoencoder] = "Autoencoder",
        [ConvolutionalAutoencoder] = "Autoencoder",
        [ConvolutionalVariationalAutoencoder] = "Autoencoder",
        [Decoder] = "AutoencoderDecoder",
    };

    /// <summary>Every component these tests save, as test data rows.</summary>
    public static IEnumerable<object[]> Persisted => Kind.Keys.Select(name => new object[] { name });

    [ClassInitialize]
    public static void SaveModels(TestContext _)
    {
        var ml = new MLContext(seed: 1);
        directory = new TempDirectory();
        foreach (string name in new[] { AnomalyDetector, VariationalAutoencoder, MissingValueAutoencoder, ConvolutionalAutoencoder, ConvolutionalVariationalAutoencoder })
        {
            var component = Named(name);
            var data = component.Data(ml, 40);
            Saved[name] = Save(ml, component.Estimator(ml), data, name, name == ConvolutionalAutoencoder ? Decoder : null);
            OtherArchitecture[name] = Save(ml, component.Estimator(ml, o =>
            {
                if (!TrySet(o, "HiddenLayers", new[] { 10 }))
                    Set(o, "Channels", new[] { 4, 4 });
            }), data, "other-" + name, name == ConvolutionalAutoencoder ? "other-" + Decoder : null);
        }
    }

    private static string Save(MLContext ml, IEstimator<ITransformer> estimator, IDataView data, string name, string? decoderName)
    {
        var model = estimator.Fit(data);
        try
        {
            string path = directory.File(name + ".zip");
            ml.Model.Save(model, data.Schema, path);
            if (decoderName is not null)
            {
                using var decoder = ((AutoencoderTransformer)model).CreateDecoder();
                string decoderPath = directory.File(decoderName + ".zip");
                ml.Model.Save(decoder, model.Transform(data).Schema, decoderPath);
                (decoderName.StartsWith("other-", StringComparison.Ordinal) ? OtherArchitecture : Saved)[Decoder] = decoderPath;
            }
            return path;
        }
        finally
        {
            (model as IDisposable)?.Dispose();
        }
    }

    [ClassCleanup]
    public static void Cleanup() => directory.Dispose();

    private static ModelFileDamage Damage(string name) => new(Saved[name], directory);

    private static string Entry(ModelFileDamage damage, string fileName) => damage.ComponentEntries.Single(e => e.EndsWith("/" + fileName, StringComparison.Ordinal));

    [TestMethod]
    [DynamicData(nameof(Persisted))]
    public void Load_Undamaged_Loads(string name)
    {
        var loaded = new MLContext().Model.Load(Saved[name], out _);
        (loaded as IDisposable)?.Dispose();
    }

    [TestMethod]
    [DynamicData(nameof(Persisted))]
    public void Load_TruncatedZip_ThrowsManagedException(string name)
    {
        var damage = Damage(name);
        foreach (double keep in new[] { 0.05, 0.5, 0.9, 0.99 })
        {
            var exception = ModelFileDamage.LoadFails(damage.Truncated(keep));

            Assert.IsTrue(exception is InvalidDataException or IOException or FormatException or InvalidOperationException
                || ExceptionChain.Of(exception).Any(e => e is InvalidDataException or IOException), $"kept {keep}: {ExceptionChain.Describe(exception)}");
        }
    }

    [TestMethod]
    [DynamicData(nameof(Persisted))]
    public void Load_FlippedByteInEachOfItsEntries_ThrowsChecksumMismatchNamingTheEntryAndComponent(string name)
    {
        var damage = Damage(name);
        string component = $"the MLNet.Autoencoders component '{Kind[name]}' does not match its checksum";

        var hyperParameters = ExceptionChain.Find<InvalidDataException>(ModelFileDamage.LoadFails(damage.WithFlippedByte(Entry(damage, "Model.key"))));
        var weights = ExceptionChain.Find<InvalidDataException>(ModelFileDamage.LoadFails(damage.WithFlippedByte(Entry(damage, "Weights.bin"))));

        Assert.Contains("The model file is corrupt", hyperParameters.Message);
        Assert.Contains($"the main stream of {component}", hyperParameters.Message);
        Assert.Contains($"the entry 'Weights.bin' of {component}", weights.Message);
    }

    [TestMethod]
    [DynamicData(nameof(Persisted))]
    public void Load_WeightsOfAnotherArchitecture_ThrowsBelongsToAnotherModel(string name)
    {
        var damage = Damage(name);

        var corrupt = ExceptionChain.Find<InvalidDataException>(ModelFileDamage.LoadFails(damage.WithEntryFrom(OtherArchitecture[name], Entry(damage, "Weights.bin"))));

        Assert.Contains("is not the one this model saved (it belongs to another model file)", corrupt.Message);
    }

    [TestMethod]
    [DynamicData(nameof(Persisted))]
    public void Load_EntriesOfAnotherComponent_ThrowBelongsToAnotherModel(string name)
    {
        var damage = Damage(name);
        string other = Saved[Foreign[name]];

        // Its weights under this component's hyper-parameters, and this component's weights under its hyper-parameters.
        var weights = ExceptionChain.Find<InvalidDataException>(ModelFileDamage.LoadFails(damage.WithEntryFrom(other, Entry(damage, "Weights.bin"))));
        var hyperParameters = ExceptionChain.Find<InvalidDataException>(ModelFileDamage.LoadFails(damage.WithEntryFrom(other, Entry(damage, "Model.key"))));

        Assert.Contains("the entry 'Weights.bin'", weights.Message);
        Assert.Contains("it belongs to another model file", weights.Message);
        Assert.Contains("it belongs to another model file", hyperParameters.Message);
    }

    [TestMethod]
    [DynamicData(nameof(Persisted))]
    public void Load_HundredsOfRandomlyDamagedCopies_NeverCrashesAndNeverLoadsChangedWeights(string name) =>
        Damage(name).AssertRandomDamageIsAlwaysRejected(seed: name.Length);
}
