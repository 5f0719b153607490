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
/// initial weights, its shuffling and (in memory) the rows it holds out for early stopping.
/// </summary>
internal static class EnsembleFitter
{
    /// <param name="architecture">Every network's architecture.</param>
    /// <param name="memberData">The training data of the network with a given seed.</param>
    /// <param name="options">The detector's options.</param>
    /// <param name="seed">The seed the networks' seeds are drawn from.</param>
    /// <param name="channel">For progress messages.</param>
    public static FittedEnsemble Fit(NetworkArchitecture architecture, Func<int, EnsembleMember> memberData, AutoencoderAnomalyOptions options, int seed, IChannel channel)
    {
        var seeds = new Random(seed);
        var networks = new List<AutoencoderNetwork>(options.EnsembleSize);
        var histories = new List<IReadOnlyList<EpochLoss>>(options.EnsembleSize);
        try
        {
            for (int member = 0; member < options.EnsembleSize; member++)
            {
                int memberSeed = seeds.Next();
                using var data = memberData(memberSeed);
                var network = architecture.CreateNetwork();
                networks.Add(network);
                channel.Info(MessageSensitivity.None, $"Autoencoder anomaly detector: network {member + 1} of {options.EnsembleSize}, {architecture} with {network.ParameterCount:N0} parameters on {data.TrainingRows} training and {data.Validation?.RowCount ?? 0} validation rows.");
                using (var generator = new Generator((ulong)memberSeed))
                    network.ResetParameters(generator);
                var trainer = new AutoencoderTrainer(Settings(options, memberSeed), channel, epochCompleted: null);
                histories.Add(trainer.Train(network, data.Batches, data.Validation));
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
