using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Runtime;
using MLNet.Autoencoders.Transforms;
using MLNet.Autoencoders.Transforms.Networks;
using MLNet.Autoencoders.Transforms.Scoring;
using static TorchSharp.torch;

namespace MLNet.Autoencoders.Estimators.Training;

/// <summary>What fitting produced: the trained network, the input scaling, the loss history and, with a paired target, the target's scaling.</summary>
internal sealed record FittedNetwork(AutoencoderNetwork Network, FeatureScaler Scaler, IReadOnlyList<EpochLoss> History, FeatureScaler? TargetScaler = null);

/// <summary>
/// The fitting procedure every autoencoder estimator shares: check and read the input column, learn the
/// scaling (and, when NaN is treated as missing, the fill values), split off validation rows, build the
/// network an estimator describes, initialise it from the seed and train it.
/// </summary>
internal static class AutoencoderFitter
{
    /// <param name="host">The estimator's host: its random source gives the default seed, its channels the progress messages.</param>
    /// <param name="input">The training data.</param>
    /// <param name="options">The shared options.</param>
    /// <param name="architectureFor">
    /// The network for an input size; it may reject the size with an <see cref="ArgumentOutOfRangeException"/>. When the options
    /// name a paired target column, the network must have a target (<see cref="NetworkArchitecture.OutputSize"/> is its size).
    /// </param>
    /// <param name="adjust">Estimator-specific additions to the training settings (e.g. penalty weights).</param>
    public static FittedNetwork Fit(IHost host, IDataView input, AutoencoderTrainingOptions options,
        Func<int, NetworkArchitecture> architectureFor, Func<TrainingSettings, TrainingSettings>? adjust = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        var column = InputColumn.Find(input.Schema, options.InputColumnName);
        int inputSize = ((VectorDataViewType)column.Type).Size;
        using var channel = host.Start("Training");
        var architecture = architectureFor(inputSize);
        ParameterMemory.EnsureFits(architecture, networks: 1,
            options is ConvolutionalNetworkOptions ? "Channels or LatentDimension" : "HiddenLayers, DecoderHiddenLayers or LatentDimension");
        if (architecture.LatentDimension >= inputSize)
            channel.Warning(MessageSensitivity.None, $"Autoencoder: LatentDimension {architecture.LatentDimension} is not smaller than the {inputSize} input features; the network can learn to copy its input.");
        int seed = options.Seed ?? host.Rand.Next();

        var targetColumn = PairedTargets.FindColumn(input.Schema, options.PairedTargetColumnName, architecture);
        bool streaming = DataModeChoice.UsesStreaming(input, options.DataMode, options.InMemoryBudgetMegabytes, inputSize + architecture.OutputSize,
            copies: options.TreatNaNAsMissing ? 2 : 1, channel, "Autoencoder");
        if (streaming && targetColumn is not null)
            throw new ArgumentOutOfRangeException(nameof(options.DataMode),
                $"'{nameof(options.DataMode)}' is Streaming (or Auto chose it for data above {options.InMemoryBudgetMegabytes} MB), but a paired target column ('{targetColumn.Value.Name}') trains in memory only. Set DataMode = TrainingDataMode.InMemory, or raise InMemoryBudgetMegabytes.");
        BufferLimits.RequireScoringBatch(options.ScoringBatchSize, Math.Max(inputSize, architecture.LatentDimension));
        if (streaming)
            BufferLimits.RequireStreamingBuffer(options.StreamingBufferRows, inputSize);
        PairedTargets? targets = null;
        var (scaler, training, trainingRows, validation) = streaming
            ? PrepareStreaming(input, column, inputSize, options, seed, channel)
            : PrepareInMemory(input, column, inputSize, options, seed, channel, targetColumn, out targets);
        using var batches = training;
        using var heldOut = validation;
        using var pairedTargets = targets;

        using var threads = ThreadCountScope.Set(TrainingThreads.Choose(options.NumberOfThreads, architecture, options.BatchSize));
        var network = architecture.CreateNetwork();
        try
        {
            channel.Info(MessageSensitivity.None, $"Autoencoder: {architecture} with {network.ParameterCount:N0} parameters on {trainingRows} training and {validation?.RowCount ?? 0} validation rows.");
            using (var generator = new Generator((ulong)seed))
                network.ResetParameters(generator);
            var settings = Settings(options, seed);
            var trainer = new AutoencoderTrainer(adjust is null ? settings : adjust(settings), channel, options.EpochCompleted);
            var history = trainer.Train(network, batches, validation, targets?.Validation);
            return new FittedNetwork(network, scaler, history, targets?.Scaler);
        }
        catch
        {
            network.Dispose();
            throw;
        }
    }

    /// <summary>Reads and scales the training matrix (and a paired target, see <see cref="PairedTargets"/>, into <paramref name="targets"/>) and splits off the validation rows.</summary>
    private static (FeatureScaler, IBatchSource, long, TrainingMatrix?) PrepareInMemory(IDataView input, DataViewSchema.Column column, int inputSize,
        AutoencoderTrainingOptions options, int seed, IChannel channel, DataViewSchema.Column? targetColumn, out PairedTargets? targets)
    {
        targets = null;
        var data = TrainingMatrix.Read(input, column, inputSize, options.CancellationToken, allowMissing: options.TreatNaNAsMissing);
        try
        {
            var scaler = FeatureScaler.Fit(options.Scaling, data.Values, data.RowCount, inputSize);
            if (options.TreatNaNAsMissing)
                scaler = FillMissing(data, scaler, column.Name, channel);
            scaler.Apply(data.Values);
            int validationCount = (int)(data.RowCount * (double)options.ValidationFraction);
            var (trainingRows, validation) = data.Split(validationCount, new Random(seed));
            if (targetColumn is { } target)
                targets = PairedTargets.Read(input, target, data.RowCount, options.Scaling, validationCount, seed, options.CancellationToken);
            return (scaler, new InMemoryBatches(data, trainingRows, ownsData: true, targets?.Rows), trainingRows.Length, validation);
        }
        catch
        {
            targets?.Dispose();
            data.Dispose();
            throw;
        }
    }

    /// <summary>
    /// One pass over <paramref name="input"/> for the scaling, the fill values and the validation rows; the epochs then read it again.
    /// </summary>
    private static (FeatureScaler, IBatchSource, long, TrainingMatrix?) PrepareStreaming(IDataView input, DataViewSchema.Column column, int inputSize,
        AutoencoderTrainingOptions options, int seed, IChannel channel)
    {
        var statistics = StreamingStatistics.Collect(input, column, inputSize, options.ValidationFraction, options.StreamingBufferRows, seed,
            options.TreatNaNAsMissing, options.CancellationToken);
        var scaler = statistics.Scaler(options.Scaling);
        float[]? fill = null;
        var validation = statistics.Validation;
        if (options.TreatNaNAsMissing)
        {
            fill = statistics.ObservedMeans();
            RequireObserved(fill, column.Name, statistics.RowCount);
            channel.Info(MessageSensitivity.None, $"Autoencoder: {statistics.MissingCount} of {statistics.RowCount * inputSize} training values ({100.0 * statistics.MissingCount / (statistics.RowCount * inputSize):F1}%) are missing; the loss covers the observed ones.");
            var scaledFill = (float[])fill.Clone();
            scaler.Apply(scaledFill);
            validation?.FillMissing(fill, scaledFill);
            scaler = scaler.WithMissingValueFill(fill);
        }
        if (validation is not null)
            scaler.Apply(validation.Values);
        channel.Info(MessageSensitivity.None, $"Autoencoder: streaming {statistics.RowCount:N0} rows from the data view each epoch through a shuffle buffer of {options.StreamingBufferRows:N0} rows.");
        var batches = new StreamingBatches(input, column, scaler, fill, statistics.Selection, statistics.Range(), options.StreamingBufferRows, options.CancellationToken);
        return (scaler, batches, statistics.TrainingRowCount, validation);
    }

    private static void RequireObserved(float[] fill, string columnName, long rowCount)
    {
        int empty = Array.FindIndex(fill, float.IsNaN);
        if (empty >= 0)
            throw new ArgumentOutOfRangeException("data",
                $"Column '{columnName}' has no observed value for feature {empty} in any of the {rowCount} training rows; an autoencoder cannot learn to fill it. Remove the feature or add rows where it is observed.");
    }

    /// <summary>The output column names the options ask for.</summary>
    public static AutoencoderColumnNames ColumnNames(AutoencoderTrainingOptions options) => new(
        options.InputColumnName, options.LatentColumnName, options.ReconstructionColumnName, options.ReconstructionErrorColumnName)
    {
        Imputed = options.TreatNaNAsMissing ? options.ImputedColumnName : null,
        Target = options.PairedTargetColumnName,
    };

    /// <summary>
    /// Learns each feature's mean over its observed values, fills the missing entries of <paramref name="data"/> with it
    /// (recording which were observed), and returns <paramref name="scaler"/> carrying those fill values.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A feature has no observed value.</exception>
    private static FeatureScaler FillMissing(TrainingMatrix data, FeatureScaler scaler, string columnName, IChannel channel)
    {
        var fill = FeatureScaler.ObservedMeans(data.Values, data.RowCount, data.FeatureCount);
        RequireObserved(fill, columnName, data.RowCount);
        var values = data.Values;
        int missing = 0;
        foreach (float value in values)
            missing += float.IsNaN(value) ? 1 : 0;
        channel.Info(MessageSensitivity.None, $"Autoencoder: {missing} of {values.Length} training values ({100.0 * missing / values.Length:F1}%) are missing; the loss covers the observed ones.");
        var scaledFill = (float[])fill.Clone();
        scaler.Apply(scaledFill);
        data.FillMissing(fill, scaledFill);
        return scaler.WithMissingValueFill(fill);
    }

    internal static TrainingSettings Settings(AutoencoderTrainingOptions options, int seed) => new(
        options.Epochs, options.BatchSize, options.LearningRate, options.WeightDecay,
        options.EarlyStoppingPatience, seed, options.CancellationToken)
    {
        Noise = options.Noise,
        NoiseLevel = options.NoiseLevel,
        SparsityWeight = options.SparsityWeight,
    };
}
