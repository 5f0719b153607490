using System.Reflection;
using Microsoft.ML;
using Microsoft.ML.Data;
using MLNet.Autoencoders.Estimators;
using MLNet.Autoencoders.Estimators.AnomalyDetection;
using MLNet.Autoencoders.Tests.Images;
using MLNet.Autoencoders.Tests.TestData;

namespace MLNet.Autoencoders.Tests.Reliability;

/// <summary>
/// The library's estimators as <see cref="ReliabilityComponent"/>s, by name, so that one test can run the same
/// mistake against each (<c>[DataRow("Variational")]</c>).
/// </summary>
internal static class ReliabilityComponents
{
    public const string DenseAutoencoder = nameof(DenseAutoencoder);
    public const string AnomalyDetector = nameof(AnomalyDetector);
    public const string VariationalAutoencoder = nameof(VariationalAutoencoder);
    public const string MissingValueAutoencoder = nameof(MissingValueAutoencoder);
    public const string ConvolutionalAutoencoder = nameof(ConvolutionalAutoencoder);
    public const string ConvolutionalVariationalAutoencoder = nameof(ConvolutionalVariationalAutoencoder);

    private static readonly VectorDataViewType Vector6 = new(NumberDataViewType.Single, ManifoldData.FeatureCount);

    private static readonly Dictionary<string, ReliabilityComponent> All = new ReliabilityComponent[]
    {
        new()
        {
            // 6-8-2-8-6: 4 linear layers, a weight and a bias each.
            Name = DenseAutoencoder, FeatureType = Vector6, Rows = Manifold, ScoreColumn = "ReconstructionError", VectorColumn = "Reconstruction", ParameterTensors = 8,
            CreateEstimator = (ml, configure) => ml.Transforms.Autoencoder(Configured(new AutoencoderOptions
            {
                LatentDimension = 2, HiddenLayers = [8], Epochs = 3, Seed = 1, NumberOfThreads = 1, ScoringBatchSize = 16,
            }, configure)),
        },
        new()
        {
            // Two 6-12-1-12-6 networks (the default hidden size for 6 features): 2 x 4 linear layers.
            Name = AnomalyDetector, FeatureType = Vector6, Rows = Manifold, ScoreColumn = "Score", VectorColumn = "FeatureErrors", ParameterTensors = 16, Networks = 2,
            CreateEstimator = (ml, configure) => ml.AnomalyDetection.Trainers.Autoencoder(Configured(new AutoencoderAnomalyOptions
            {
                EnsembleSize = 2, Epochs = 3, Seed = 1, NumberOfThreads = 1, ScoringBatchSize = 16, FeatureErrorsColumnName = "FeatureErrors",
            }, configure)),
        },
        new()
        {
            // 6-8 trunk, mean and log-variance heads 8-2, decoder 2-8-6: 5 linear layers.
            Name = VariationalAutoencoder, FeatureType = Vector6, Rows = Manifold, ScoreColumn = "ReconstructionError", VectorColumn = "Reconstruction", ParameterTensors = 10,
            CreateEstimator = (ml, configure) => ml.Transforms.VariationalAutoencoder(Configured(new VariationalAutoencoderOptions
            {
                LatentDimension = 2, HiddenLayers = [8], Epochs = 3, Seed = 1, NumberOfThreads = 1, ScoringBatchSize = 16,
            }, configure)),
        },
        new()
        {
            // The dense 6-8-2-8-6 network, trained on rows with holes.
            Name = MissingValueAutoencoder, FeatureType = Vector6, Rows = ManifoldWithHoles, ScoreColumn = "ReconstructionError", VectorColumn = "Imputed", ParameterTensors = 8,
            TreatsNaNAsMissing = true,
            CreateEstimator = (ml, configure) => ml.Transforms.Autoencoder(Configured(new AutoencoderOptions
            {
                LatentDimension = 2, HiddenLayers = [8], Epochs = 3, Seed = 1, NumberOfThreads = 1, ScoringBatchSize = 16, TreatNaNAsMissing = true,
            }, configure)),
        },
        new()
        {
            // 1x8x8 images, blocks of 4 and 8 channels: 2 strided convolutions and a linear layer to the code,
            // a linear layer and 2 transposed convolutions back.
            Name = ConvolutionalAutoencoder, FeatureType = new VectorDataViewType(NumberDataViewType.Single, 1, 8, 8), Rows = Images,
            ScoreColumn = "ReconstructionError", VectorColumn = "Reconstruction", ParameterTensors = 12,
            CreateEstimator = (ml, configure) => ml.Transforms.ConvolutionalAutoencoder(Configured(SmallImages(new ConvolutionalAutoencoderOptions()), configure)),
        },
        new()
        {
            // The same blocks: 2 strided convolutions, mean and log-variance heads, a linear layer and 2 transposed convolutions back.
            Name = ConvolutionalVariationalAutoencoder, FeatureType = new VectorDataViewType(NumberDataViewType.Single, 1, 8, 8), Rows = Images,
            ScoreColumn = "ReconstructionError", VectorColumn = "Reconstruction", ParameterTensors = 14,
            CreateEstimator = (ml, configure) => ml.Transforms.ConvolutionalVariationalAutoencoder(Configured(SmallImages(new ConvolutionalVariationalAutoencoderOptions()), configure)),
        },
    }.ToDictionary(c => c.Name);

    public static ReliabilityComponent Named(string name) => All[name];

    /// <summary>
    /// Sets the option <paramref name="option"/> of an options object of any estimator, converting integers to
    /// enums where the option is one. Returns <see langword="false"/> when that estimator has no such option.
    /// </summary>
    public static bool TrySet(object options, string option, object? value)
    {
        var property = options.GetType().GetProperty(option, BindingFlags.Public | BindingFlags.Instance);
        if (property is null)
            return false;
        var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
        property.SetValue(options, type.IsEnum && value is int code ? Enum.ToObject(type, code) : value);
        return true;
    }

    /// <summary><see cref="TrySet"/>, for an option every estimator has.</summary>
    public static void Set(object options, string option, object? value)
    {
        if (!TrySet(options, option, value))
            throw new ArgumentException($"{options.GetType().Name} has no option '{option}'.", nameof(option));
    }

    private static T Configured<T>(T options, Action<object>? configure)
    {
        configure?.Invoke(options!);
        return options;
    }

    /// <summary>The convolutional networks' settings: 1x8x8 images in "Features", blocks of 4 and 8 channels, a code of 4.</summary>
    private static T SmallImages<T>(T options) where T : ConvolutionalNetworkOptions
    {
        options.InputColumnName = "Features";
        options.LatentDimension = 4;
        options.Channels = [4, 8];
        options.Epochs = 3;
        options.BatchSize = 16;
        options.LearningRate = 0.005f;
        options.Seed = 1;
        options.NumberOfThreads = 1;
        options.ScoringBatchSize = 16;
        return options;
    }

    private static float[][] Manifold(int count, int seed) => ManifoldData.Rows(count, seed).Select(r => r.Features).ToArray();

    /// <summary>Manifold rows with about 20% of the entries missing, except in the first row, so that any prefix observes every feature.</summary>
    private static float[][] ManifoldWithHoles(int count, int seed)
    {
        var random = new Random(seed + 100);
        return Manifold(count, seed).Select((row, i) => row.Select(v => i > 0 && random.NextDouble() < 0.2 ? float.NaN : v).ToArray()).ToArray();
    }

    private static float[][] Images(int count, int seed) => SyntheticImages.Rows(count, seed, size: 8).Select(r => r.Pixels).ToArray();
}
