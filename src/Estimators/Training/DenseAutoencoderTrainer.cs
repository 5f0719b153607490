using System.Diagnostics;
using Microsoft.ML.Runtime;
using MLNet.Autoencoders.Transforms;
using MLNet.Autoencoders.Transforms.Networks;
using static TorchSharp.torch;

namespace MLNet.Autoencoders.Estimators.Training;

/// <summary>
/// The training loop: Adam on the mean squared reconstruction error of scaled inputs, one dispose scope
/// per batch, shuffling with a seeded <see cref="Random"/>, validation and early stopping per epoch.
/// </summary>
internal sealed class DenseAutoencoderTrainer
{
    private readonly TrainingSettings settings;
    private readonly IChannel channel;
    private readonly Action<EpochLoss>? epochCompleted;

    public DenseAutoencoderTrainer(TrainingSettings settings, IChannel channel, Action<EpochLoss>? epochCompleted)
    {
        this.settings = settings;
        this.channel = channel;
        this.epochCompleted = epochCompleted;
    }

    /// <summary>Trains <paramref name="network"/> in place and returns the loss of every epoch that ran.</summary>
    public IReadOnlyList<EpochLoss> Train(DenseAutoencoderNetwork network, TrainingMatrix training, TrainingMatrix? validation)
    {
        var history = new List<EpochLoss>();
        var random = new Random(settings.Seed);
        using var trainingTensor = ToTensor(training);
        using var validationTensor = validation is null ? null : ToTensor(validation);
        using var optimizer = optim.Adam(network.parameters(), settings.LearningRate, weight_decay: settings.WeightDecay);
        using var best = new ParameterSnapshot();
        double bestValidation = double.PositiveInfinity;
        int epochsWithoutImprovement = 0;
        var order = Enumerable.Range(0, training.RowCount).ToArray();

        for (int epoch = 1; epoch <= settings.Epochs; epoch++)
        {
            var clock = Stopwatch.StartNew();
            random.Shuffle(order);
            double trainingLoss = RunEpoch(network, optimizer, trainingTensor, order);
            double? validationLoss = validationTensor is null ? null : Evaluate(network, validationTensor);
            var loss = new EpochLoss(epoch, trainingLoss, validationLoss, clock.Elapsed);
            history.Add(loss);
            Report(loss);
            ThrowIfDiverged(loss);

            if (validationLoss is not { } current)
                continue;
            if (current < bestValidation)
            {
                bestValidation = current;
                epochsWithoutImprovement = 0;
                best.Capture(network);
            }
            else if (settings.EarlyStoppingPatience > 0 && ++epochsWithoutImprovement >= settings.EarlyStoppingPatience)
            {
                channel.Info(MessageSensitivity.None, $"Autoencoder: stopping early after epoch {epoch}; validation loss has not improved for {settings.EarlyStoppingPatience} epochs. Keeping the weights of the best epoch ({bestValidation:G5}).");
                break;
            }
        }
        if (!best.IsEmpty)
            best.Restore(network);
        return history;
    }

    private double RunEpoch(DenseAutoencoderNetwork network, optim.Optimizer optimizer, Tensor data, int[] order)
    {
        network.train();
        double sum = 0;
        for (int start = 0; start < order.Length; start += settings.BatchSize)
        {
            settings.Cancellation.ThrowIfCancellationRequested();
            int count = Math.Min(settings.BatchSize, order.Length - start);
            using var scope = NewDisposeScope();
            var indices = tensor(order.AsSpan(start, count).ToArray(), ScalarType.Int64);
            var batch = data.index_select(0, indices);
            var reconstruction = network.forward(batch);
            var loss = nn.functional.mse_loss(reconstruction, batch);
            optimizer.zero_grad();
            loss.backward();
            optimizer.step();
            sum += loss.item<float>() * count;
        }
        return sum / order.Length;
    }

    private static double Evaluate(DenseAutoencoderNetwork network, Tensor data)
    {
        network.eval();
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        return nn.functional.mse_loss(network.forward(data), data).item<float>();
    }

    private void Report(EpochLoss loss)
    {
        channel.Info(MessageSensitivity.None, $"Autoencoder: {loss}");
        epochCompleted?.Invoke(loss);
    }

    private void ThrowIfDiverged(EpochLoss loss)
    {
        if (double.IsFinite(loss.TrainingLoss) && double.IsFinite(loss.ValidationLoss ?? 0))
            return;
        throw new InvalidOperationException(
            $"Autoencoder training diverged: the loss became {loss.TrainingLoss} in epoch {loss.Epoch}. " +
            $"Try a lower LearningRate (now {settings.LearningRate}) or scale the input (Scaling = Standardize).");
    }

    private static Tensor ToTensor(TrainingMatrix matrix) =>
        tensor(matrix.Values, [matrix.RowCount, matrix.FeatureCount]);
}
