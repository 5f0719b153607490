using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Runtime;
using MLNet.Autoencoders.Estimators.Training;
using MLNet.Autoencoders.Transforms;
using MLNet.Autoencoders.Transforms.Networks;
using MLNet.Autoencoders.Transforms.Persistence;
using MLNet.Autoencoders.Transforms.Scoring;
using static TorchSharp.torch;

namespace MLNet.Autoencoders.Estimators;

/// <summary>
/// Trains a dense (multilayer) autoencoder on a known-size vector of <see cref="float"/> and produces an
/// <see cref="AutoencoderTransformer"/> that adds the latent code, the reconstruction and the reconstruction error.
/// </summary>
/// <remarks>
/// <para>Input and output columns:</para>
/// <list type="table">
/// <listheader><term>Column</term><description>Type and meaning</description></listheader>
/// <item><term><see cref="AutoencoderOptions.InputColumnName"/></term><description>Input: known-size vector of <see cref="float"/>, sparse or dense; finite values only when fitting.</description></item>
/// <item><term><see cref="AutoencoderOptions.LatentColumnName"/></term><description>Output: vector of <see cref="float"/> of size <see cref="AutoencoderOptions.LatentDimension"/>.</description></item>
/// <item><term><see cref="AutoencoderOptions.ReconstructionColumnName"/></term><description>Output: vector of <see cref="float"/> of the input's size, in the input's units.</description></item>
/// <item><term><see cref="AutoencoderOptions.ReconstructionErrorColumnName"/></term><description>Output: <see cref="float"/>, the mean over features of the squared difference between input and reconstruction, in the input's units.</description></item>
/// </list>
/// <para>
/// Training minimises the mean squared reconstruction error of the scaled input (see <see cref="AutoencoderOptions.Scaling"/>)
/// with Adam, reporting each epoch's losses to <c>MLContext.Log</c> and to <see cref="AutoencoderOptions.EpochCompleted"/>.
/// A fixed seed (or an <c>MLContext</c> created with a seed) gives bit-identical models.
/// </para>
/// </remarks>
public sealed class AutoencoderEstimator : IEstimator<AutoencoderTransformer>
{
    private readonly IHost host;
    private readonly AutoencoderOptions options;

    internal AutoencoderEstimator(IHostEnvironment env, AutoencoderOptions options)
    {
        ArgumentNullException.ThrowIfNull(env);
        AutoencoderOptionsValidation.Validate(options);
        host = env.Register(nameof(AutoencoderEstimator));
        this.options = options;
    }

    /// <summary>Trains the autoencoder on <paramref name="input"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The input column is missing, is not a known-size float vector, or holds NaN or an infinity.</exception>
    /// <exception cref="ArgumentException">The data has no rows.</exception>
    /// <exception cref="InvalidOperationException">Training diverged (the loss became NaN or infinite).</exception>
    /// <exception cref="OperationCanceledException"><see cref="AutoencoderOptions.CancellationToken"/> was cancelled.</exception>
    public AutoencoderTransformer Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var column = InputColumn.Find(input.Schema, options.InputColumnName);
        int inputSize = ((VectorDataViewType)column.Type).Size;
        int seed = options.Seed ?? host.Rand.Next();

        var data = TrainingMatrix.Read(input, column, inputSize, options.CancellationToken);
        var scaler = FeatureScaler.Fit(options.Scaling, data.Values, data.RowCount, inputSize);
        scaler.Apply(data.Values);
        int validationCount = (int)(data.RowCount * (double)options.ValidationFraction);
        var (training, validation) = data.Split(validationCount, new Random(seed));

        using var channel = host.Start("Training");
        var architecture = ArchitectureFor(inputSize, channel);
        using var threads = ThreadCountScope.Set(options.NumberOfThreads);
        var network = architecture.CreateNetwork();
        try
        {
            channel.Info(MessageSensitivity.None, $"Autoencoder: {architecture} with {network.ParameterCount:N0} parameters on {training.RowCount} training and {validation?.RowCount ?? 0} validation rows.");
            using (var generator = new Generator((ulong)seed))
                network.ResetParameters(generator);
            var trainer = new AutoencoderTrainer(Settings(seed), channel, options.EpochCompleted);
            var history = trainer.Train(network, training, validation);
            return new AutoencoderTransformer(network, scaler, ColumnNames(), history, options.ScoringBatchSize);
        }
        catch
        {
            network.Dispose();
            throw;
        }
    }

    /// <summary>Describes the columns <see cref="Fit"/>'s transformer will add, checking the input column.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The input column is missing or is not a known-size float vector.</exception>
    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        string name = options.InputColumnName;
        var found = inputSchema.Where(c => c.Name == name).ToArray();
        if (found.Length == 0)
            throw new ArgumentOutOfRangeException(nameof(inputSchema), $"Could not find input column '{name}'.");
        var column = found[^1];
        if (column.Kind != SchemaShape.Column.VectorKind.Vector || column.ItemType != NumberDataViewType.Single)
        {
            string actual = column.Kind == SchemaShape.Column.VectorKind.Scalar ? $"{column.ItemType}" : $"{column.Kind}<{column.ItemType}>";
            throw new ArgumentOutOfRangeException(nameof(inputSchema),
                $"Schema mismatch for input column '{name}': expected known-size vector of Single, got {actual}.");
        }
        var columns = inputSchema.ToDictionary(c => c.Name);
        columns[options.LatentColumnName] = MlNetInternals.CreateColumn(options.LatentColumnName, SchemaShape.Column.VectorKind.Vector, NumberDataViewType.Single, false);
        columns[options.ReconstructionColumnName] = MlNetInternals.CreateColumn(options.ReconstructionColumnName, SchemaShape.Column.VectorKind.Vector, NumberDataViewType.Single, false, column.Annotations);
        columns[options.ReconstructionErrorColumnName] = MlNetInternals.CreateColumn(options.ReconstructionErrorColumnName, SchemaShape.Column.VectorKind.Scalar, NumberDataViewType.Single, false);
        return MlNetInternals.CreateSchemaShape(columns.Values);
    }

    private DenseArchitecture ArchitectureFor(int inputSize, IChannel channel)
    {
        int latent = options.LatentDimension;
        if (latent >= inputSize)
            channel.Warning(MessageSensitivity.None, $"Autoencoder: LatentDimension {latent} is not smaller than the {inputSize} input features; the network can learn to copy its input.");
        var encoder = options.HiddenLayers ?? [DefaultHiddenSize(inputSize, latent)];
        var decoder = options.DecoderHiddenLayers ?? encoder.Reverse().ToArray();
        return new DenseArchitecture(inputSize, encoder, latent, decoder, options.Activation);
    }

    /// <summary>max(16, 2 x latent, sqrt(input x latent)), at most 512: wide enough to bend, small enough for small data.</summary>
    internal static int DefaultHiddenSize(int inputSize, int latent) =>
        Math.Min(512, Math.Max(Math.Max(16, 2 * latent), (int)Math.Round(Math.Sqrt((double)inputSize * latent))));

    private TrainingSettings Settings(int seed) => new(
        options.Epochs, options.BatchSize, options.LearningRate, options.WeightDecay,
        options.EarlyStoppingPatience, seed, options.CancellationToken)
    {
        Noise = options.Noise,
        NoiseLevel = options.NoiseLevel,
        SparsityWeight = options.SparsityWeight,
    };

    private AutoencoderColumnNames ColumnNames() => new(
        options.InputColumnName, options.LatentColumnName, options.ReconstructionColumnName, options.ReconstructionErrorColumnName);
}
