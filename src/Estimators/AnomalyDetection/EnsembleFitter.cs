using Microsoft.ML.Runtime;
using MLNet.Autoencoders.Estimators.Training;
using MLNet.Autoencoders.Transforms;
using MLNet.Autoencoders.Transforms.Networks;
using static TorchSharp.torch;

namespace MLNet.Autoencoders.Estimators.AnomalyDetection;

/// <summary>What training an ensemble produced: its networks, in seed order, and each one's loss history.</summary>
internal sealed record FittedEnsemble(IReadOnlyList<AutoencoderNetwork> Networks, IReadOnlyList<IReadOnlyList<EpochLoss>> Histories);

/// <summary>
/// Trains the networks of an anomaly detector on the same scaled rows: each from its own seed, which fixes its
/// initial weights, its shuffling and the rows it holds out for early stopping.
/// </summary>
internal static class EnsembleFitter
{
    public static FittedEnsemble Fit(NetworkArchitecture architecture, TrainingMatrix scaled, AutoencoderAnomalyOptions options, int seed, IChannel channel)
    {
        var seeds = new Random(seed);
        int validationCount = (int)(scaled.RowCount * (double)options.ValidationFraction);
        var networks = new List<AutoencoderNetwork>(options.EnsembleSize);
        var histories = new List<IReadOnlyList<EpochLoss>>(options.EnsembleSize);
        try
        {
            for (int member = 0; member < options.EnsembleSize; member++)
            {
                int memberSeed = seeds.Next();
                var (trainingRows, validation) = scaled.Split(validationCount, new Random(memberSeed));
                using var heldOut = validation;
                var network = architecture.CreateNetwork();
                networks.Add(network);
                channel.Info(MessageSensitivity.None, $"Autoencoder anomaly detector: network {member + 1} of {options.EnsembleSize}, {architecture} with {network.ParameterCount:N0} parameters on {trainingRows.Length} training and {validation?.RowCount ?? 0} validation rows.");
                using (var generator = new Generator((ulong)memberSeed))
                    network.ResetParameters(generator);
                var trainer = new AutoencoderTrainer(Settings(options, memberSeed), channel, epochCompleted: null);
                histories.Add(trainer.Train(network, scaled, trainingRows, validation));
            }
            return new FittedEnsemble(networks, histories);
        }
        catch
        {
            foreach (var network in networks)
                network.Dispose();
            throw;
        }
    }

    private static TrainingSettings Settings(AutoencoderAnomalyOptions options, int seed) => new(
        options.Epochs, options.BatchSize, options.LearningRate, options.WeightDecay,
        options.EarlyStoppingPatience, seed, options.CancellationToken);
}
