using System.Runtime.ExceptionServices;
using Microsoft.ML.Runtime;
using MLNet.Autoencoders.Estimators.Training;
using MLNet.Autoencoders.Transforms;
using MLNet.Autoencoders.Transforms.Networks;
using static TorchSharp.torch;

namespace MLNet.Autoencoders.Estimators.AnomalyDetection;

/// <summary>What fitting the ensemble produced: one trained network and one loss history per member.</summary>
internal sealed record FittedEnsemble(IReadOnlyList<AutoencoderNetwork> Networks, IReadOnlyList<IReadOnlyList<EpochLoss>> Histories);

/// <summary>
/// Trains the detector's ensemble: one network per member, each from its own seed (drawn in order from the fit's seed) on its
/// own data split, for at most <see cref="AutoencoderAnomalyOptions.MaximumStepsPerNetwork"/> optimiser steps. When the
/// networks run on one intra-op thread, the members train side by side, one per core: each depends only on its seed and
/// data, so the models are bit-identical to those of a sequential fit.
/// </summary>
internal static class EnsembleFitter
{
    /// <param name="architecture">Every member's network.</param>
    /// <param name="memberData">A member's batches and validation rows, from its seed.</param>
    /// <param name="options">The detector's options.</param>
    /// <param name="seed">The fit's seed.</param>
    /// <param name="channel">Progress messages.</param>
    /// <param name="parallel">Whether members may train at the same time (in-memory data, one intra-op thread).</param>
    public static FittedEnsemble Fit(NetworkArchitecture architecture, Func<int, EnsembleMember> memberData, AutoencoderAnomalyOptions options,
        int seed, IChannel channel, bool parallel)
    {
        var seeds = new Random(seed);
        int[] memberSeeds = Enumerable.Range(0, options.EnsembleSize).Select(_ => seeds.Next()).ToArray();
        var networks = new AutoencoderNetwork?[options.EnsembleSize];
        var histories = new IReadOnlyList<EpochLoss>[options.EnsembleSize];
        try
        {
            if (parallel && options.EnsembleSize > 1 && Environment.ProcessorCount > 1)
            {
                var synchronized = new SynchronizedChannel(channel);
                TrainInParallel(options.EnsembleSize, member =>
                {
                    // libtorch keeps its thread count per OS thread (OpenMP), and a pool thread keeps what it first saw: set it here.
                    using var oneThread = ThreadCountScope.Set(1);
                    histories[member] = TrainMember(member, memberSeeds[member], architecture, memberData, options, synchronized, networks);
                });
            }
            else
                for (int member = 0; member < options.EnsembleSize; member++)
                    histories[member] = TrainMember(member, memberSeeds[member], architecture, memberData, options, channel, networks);
            return new FittedEnsemble(networks.Select(n => n!).ToArray(), histories);
        }
        catch
        {
            foreach (var network in networks)
                network?.Dispose();
            throw;
        }
    }

    private static IReadOnlyList<EpochLoss> TrainMember(int member, int memberSeed, NetworkArchitecture architecture, Func<int, EnsembleMember> memberData,
        AutoencoderAnomalyOptions options, IChannel channel, AutoencoderNetwork?[] networks)
    {
        using var data = memberData(memberSeed);
        var network = architecture.CreateNetwork();
        networks[member] = network;
        int epochs = Epochs(options, data.TrainingRows);
        channel.Info(MessageSensitivity.None, $"Autoencoder anomaly detector: network {member + 1} of {options.EnsembleSize}, {architecture} with {network.ParameterCount:N0} parameters on {data.TrainingRows} training and {data.Validation?.RowCount ?? 0} validation rows, at most {epochs} epochs.");
        using (var generator = new Generator((ulong)memberSeed))
            network.ResetParameters(generator);
        var report = options.EpochCompleted;
        var trainer = new AutoencoderTrainer(Settings(options, memberSeed, epochs), channel,
            epochCompleted: report is null ? null : loss => report(new AnomalyEpochLoss(member + 1, epochs, loss)));
        return trainer.Train(network, data.Batches, data.Validation);
    }

    /// <summary><see cref="AutoencoderAnomalyOptions.Epochs"/>, cut so that a network takes at most its step budget.</summary>
    internal static int Epochs(AutoencoderAnomalyOptions options, long trainingRows)
    {
        if (options.MaximumStepsPerNetwork is not { } budget || trainingRows <= 0)
            return options.Epochs;
        long stepsPerEpoch = (trainingRows + options.BatchSize - 1) / options.BatchSize;
        return (int)Math.Clamp((budget + stepsPerEpoch - 1) / stepsPerEpoch, 1, options.Epochs);
    }

    /// <summary>Runs <paramref name="train"/> for every member on up to one thread per core; rethrows the first failure as itself.</summary>
    private static void TrainInParallel(int members, Action<int> train)
    {
        try
        {
            Parallel.For(0, members, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, train);
        }
        catch (AggregateException e)
        {
            var first = e.Flatten().InnerExceptions.FirstOrDefault(i => i is OperationCanceledException) ?? e.Flatten().InnerExceptions[0];
            ExceptionDispatchInfo.Capture(first).Throw();
        }
    }

    private static TrainingSettings Settings(AutoencoderAnomalyOptions options, int seed, int epochs) => new(
        epochs, options.BatchSize, options.LearningRate, options.WeightDecay,
        options.EarlyStoppingPatience, seed, options.CancellationToken);
}
