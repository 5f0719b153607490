using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Runtime;
using MLNet.Autoencoders.Transforms;
using MLNet.Autoencoders.Transforms.Networks;
using MLNet.Autoencoders.Transforms.Scoring;
using static TorchSharp.torch;

namespace MLNet.Autoencoders.Estimators.Training;

/// <summary>What fitting produced: the trained network, the input scaling and the loss history.</summary>
internal sealed record FittedNetwork(AutoencoderNetwork Network, FeatureScaler Scaler, IReadOnlyList<EpochLoss> History);

/// <summary>
/// The fitting procedure every autoencoder estimator shares: check and read the input column, learn the
/// scaling, split off validation rows, build the network an estimator describes, initialise it from the
/// seed and train it.
/// </summary>
internal static class AutoencoderFitter
{
    /// <param name="host">The estimator's host: its random source gives the default seed, its channels the progress messages.</param>
    /// <param name="input">The training data.</param>
    /// <param name="options">The shared options.</param>
    /// <param name="architectureFor">The network for an input size; it may reject the size with an <see cref="ArgumentOutOfRangeException"/>.</param>
    /// <param name="adjust">Estimator-specific additions to the training settings (e.g. penalty weights).</param>
    public static FittedNetwork Fit(IHost host, IDataView input, AutoencoderTrainingOptions options,
        Func<int, IChannel, NetworkArchitecture> architectureFor, Func<TrainingSettings, TrainingSettings>? adjust = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        var column = InputColumn.Find(input.Schema, options.InputColumnName);
        int inputSize = ((VectorDataViewType)column.Type).Size;
        using var channel = host.Start("Training");
        var architecture = architectureFor(inputSize, channel);
        int seed = options.Seed ?? host.Rand.Next();

        var data = TrainingMatrix.Read(input, column, inputSize, options.CancellationToken);
        var scaler = FeatureScaler.Fit(options.Scaling, data.Values, data.RowCount, inputSize);
        scaler.Apply(data.Values);
        int validationCount = (int)(data.RowCount * (double)options.ValidationFraction);
        var (training, validation) = data.Split(validationCount, new Random(seed));

        using var threads = ThreadCountScope.Set(options.NumberOfThreads);
        var network = architecture.CreateNetwork();
        try
        {
            channel.Info(MessageSensitivity.None, $"Autoencoder: {architecture} with {network.ParameterCount:N0} parameters on {training.RowCount} training and {validation?.RowCount ?? 0} validation rows.");
            using (var generator = new Generator((ulong)seed))
                network.ResetParameters(generator);
            var settings = Settings(options, seed);
            var trainer = new AutoencoderTrainer(adjust is null ? settings : adjust(settings), channel, options.EpochCompleted);
            var history = trainer.Train(network, training, validation);
            return new FittedNetwork(network, scaler, history);
        }
        catch
        {
            network.Dispose();
            throw;
        }
    }

    /// <summary>The output column names the options ask for.</summary>
    public static AutoencoderColumnNames ColumnNames(AutoencoderTrainingOptions options) => new(
        options.InputColumnName, options.LatentColumnName, options.ReconstructionColumnName, options.ReconstructionErrorColumnName);

    private static TrainingSettings Settings(AutoencoderTrainingOptions options, int seed) => new(
        options.Epochs, options.BatchSize, options.LearningRate, options.WeightDecay,
        options.EarlyStoppingPatience, seed, options.CancellationToken)
    {
        Noise = options.Noise,
        NoiseLevel = options.NoiseLevel,
        SparsityWeight = options.SparsityWeight,
    };
}
