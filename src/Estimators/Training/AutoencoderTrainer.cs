using System.Globalization;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Runtime.InteropServices;
using Microsoft.ML.Runtime;
using MLNet.Autoencoders.Transforms;
using MLNet.Autoencoders.Transforms.Networks;
using TorchSharp;
using static TorchSharp.torch;

namespace MLNet.Autoencoders.Estimators.Training;

/// <summary>
/// The training loop shared by every autoencoder: Adam on the mean squared reconstruction error of
/// scaled inputs (against the clean input when denoising; over the observed entries only when the data has
/// missing values), plus an optional L1 sparsity term, any penalty the network reports (a VAE's KL
/// divergence) and the terms of an <see cref="ITrainingObjective"/> (a classifier's or a clustering loss); batches from an <see cref="IBatchSource"/> (materialised or streamed), one dispose scope per batch,
/// shuffling with a seeded <see cref="Random"/>, noise from a seeded generator, validation and early stopping per epoch.
/// </summary>
internal sealed class AutoencoderTrainer
{
    /// <summary>Every this many batches, the loop checks how much the process has grown (see <see cref="NativeHeap"/>).</summary>
    private const int HeapCheckInterval = 8;

    /// <summary>How far the process may grow past its size after the first batches before the heap is trimmed.</summary>
    private const long HeapGrowthBudget = 64L << 20;

    private readonly TrainingSettings settings;
    private readonly IChannel channel;
    private readonly Action<EpochLoss>? epochCompleted;

    public AutoencoderTrainer(TrainingSettings settings, IChannel channel, Action<EpochLoss>? epochCompleted)
    {
        this.settings = settings;
        this.channel = channel;
        this.epochCompleted = epochCompleted;
    }

    /// <summary>Trains <paramref name="network"/> in place on the batches of <paramref name="training"/> and returns the loss of every epoch that ran.</summary>
    /// <param name="network">The network to train.</param>
    /// <param name="training">The training batches.</param>
    /// <param name="validation">The validation rows, or <see langword="null"/>.</param>
    /// <param name="validationTargets">The validation rows' paired targets when the network maps its input to another column; <see langword="null"/> otherwise.</param>
    public IReadOnlyList<EpochLoss> Train(AutoencoderNetwork network, IBatchSource training, TrainingMatrix? validation, TrainingMatrix? validationTargets = null)
    {
        var history = new List<EpochLoss>();
        using var heapSettings = NativeHeap.KeepFreedMemoryWhileTraining();
        var heapGuard = new NativeHeap.GrowthGuard(HeapGrowthBudget, HeapCheckInterval);
        var random = new Random(settings.Seed);
        using var generator = new Generator(unchecked((ulong)settings.Seed * 2654435761UL + 1));
        using var corruption = Corruption(training);
        var objective = settings.Objective;
        var parameters = TrainedParameters(network, objective).ToList();
        using var optimizer = new AdamOptimizer(parameters.Select(p => p.parameter), settings.LearningRate, settings.WeightDecay);
        using var best = new ParameterSnapshot();
        double bestValidation = double.PositiveInfinity;
        int epochsWithoutImprovement = 0;

        for (int epoch = 1; epoch <= settings.Epochs; epoch++)
        {
            var clock = Stopwatch.StartNew();
            if (objective is not null && !objective.BeginEpoch(epoch, network))
                break;
            var terms = RunEpoch(epoch, network, optimizer, training, random, corruption, generator, heapGuard);
            double? validationLoss = validation is null ? null : Validate(network, validation, validationTargets);
            var loss = new EpochLoss(epoch, terms.Values.Sum(), validationLoss, clock.Elapsed) { TrainingTerms = terms };
            history.Add(loss);
            Report(loss);
            ThrowIfDiverged(loss);

            if (validationLoss is not { } current)
                continue;
            if (current < bestValidation)
            {
                bestValidation = current;
                epochsWithoutImprovement = 0;
                best.Capture(parameters);
            }
            else if (settings.EarlyStoppingPatience > 0 && ++epochsWithoutImprovement >= settings.EarlyStoppingPatience)
            {
                channel.Info(MessageSensitivity.None, $"Autoencoder: stopping early after epoch {epoch}; validation loss has not improved for {settings.EarlyStoppingPatience} epochs. Keeping the weights of the best epoch ({bestValidation:G5}).");
                break;
            }
        }
        if (!best.IsEmpty)
            best.Restore(parameters);
        ThrowIfParametersNotFinite(network, history.Count);
        return history;
    }

    /// <summary>The network's parameters by name, then the objective's as "objective.0", "objective.1", ...</summary>
    private static IEnumerable<(string name, TorchSharp.Modules.Parameter parameter)> TrainedParameters(AutoencoderNetwork network, ITrainingObjective? objective) =>
        network.named_parameters().Concat(objective?.Parameters.Select((p, i) => ($"objective.{i}", p)) ?? []);

    private InputCorruption Corruption(IBatchSource training)
    {
        if (settings.Noise != NoiseKind.SaltAndPepper || settings.NoiseLevel <= 0)
            return new InputCorruption(settings.Noise, settings.NoiseLevel, minimum: null, maximum: null);
        var (minimum, maximum) = training.FeatureRange();
        return new InputCorruption(settings.Noise, settings.NoiseLevel, minimum, maximum);
    }

    private ImmutableSortedDictionary<string, double> RunEpoch(int epoch, AutoencoderNetwork network, AdamOptimizer optimizer, IBatchSource data, Random random,
        InputCorruption corruption, Generator generator, NativeHeap.GrowthGuard heapGuard)
    {
        network.train();
        var sums = new SortedDictionary<string, double>(StringComparer.Ordinal);
        long rows = 0;
        using var reader = data.OpenEpoch(random);
        int batchNumber = 0;
        while (true)
        {
            batchNumber++;
            settings.Cancellation.ThrowIfCancellationRequested();
            using var scope = NewDisposeScope();
            if (!reader.TryRead(settings.BatchSize, out var batch))
                break;
            int count = (int)batch.Clean.shape[0];
            Dictionary<string, Tensor> terms;
            try
            {
                var pass = network.TrainingForward(Corrupt(batch.Clean, data.Fill, corruption, generator), generator);
                terms = LossTerms(pass, batch);
                var total = terms.Values.Aggregate((sum, term) => sum.add(term, NativeScalars.One));
                optimizer.ZeroGrad();
                total.backward();
                optimizer.Step();
            }
            catch (ExternalException native)
            {
                throw LibTorchFailure.Wrap(native, $"Training {network.Architecture}, epoch {epoch}, batch {batchNumber}");
            }
            foreach (var (name, term) in terms)
                sums[name] = sums.GetValueOrDefault(name) + term.item<float>() * count;
            rows += count;
            heapGuard.AfterBatch();
        }
        if (rows == 0)
            throw new InvalidOperationException("The training data had no rows in this epoch; did the data view change since fitting began?");
        return sums.ToImmutableSortedDictionary(t => t.Key, t => t.Value / rows, StringComparer.Ordinal);
    }

    /// <summary>
    /// The network's training input for a batch: <paramref name="clean"/> corrupted for denoising. With missing values
    /// (<paramref name="fill"/> set), masking noise hides entries by setting them to their feature's fill value, as if missing.
    /// </summary>
    private Tensor Corrupt(Tensor clean, Tensor? fill, InputCorruption corruption, Generator generator)
    {
        if (fill is null || settings.Noise != NoiseKind.Masking || settings.NoiseLevel <= 0)
            return corruption.Apply(clean, generator);
        using Scalar level = settings.NoiseLevel;
        var hidden = rand(clean.shape, generator: generator).lt(level);
        return where(hidden, fill.expand_as(clean), clean);
    }

    /// <summary>
    /// The mean squared error between <paramref name="reconstruction"/> and <paramref name="target"/>, over every entry,
    /// or over the entries <paramref name="observed"/> marks with 1 when it is given.
    /// </summary>
    private static Tensor ReconstructionLoss(Tensor reconstruction, Tensor target, Tensor? observed) =>
        observed is null
            ? nn.functional.mse_loss(reconstruction, target)
            : Squared(reconstruction - target).mul(observed).sum() / observed.sum().clamp_min(NativeScalars.One);

    /// <summary>x², as <c>x * x</c>: TorchSharp's <c>square()</c> is <c>pow(2)</c> with a temporary Scalar (see <see cref="NativeScalars"/>).</summary>
    private static Tensor Squared(Tensor x) => x.mul(x);

    private Dictionary<string, Tensor> LossTerms(ForwardPass pass, TrainingBatch batch)
    {
        var reconstruction = ReconstructionLoss(pass.Reconstruction, batch.Target ?? batch.Clean, batch.Observed);
        if (settings.ReconstructionWeight != 1)
        {
            using Scalar weight = settings.ReconstructionWeight;
            reconstruction = reconstruction.mul(weight);
        }
        var terms = new Dictionary<string, Tensor> { [EpochLoss.ReconstructionTerm] = reconstruction };
        if (settings.SparsityWeight > 0)
        {
            using Scalar weight = settings.SparsityWeight;
            terms[EpochLoss.SparsityTerm] = pass.Latent.abs().mean().mul(weight);
        }
        foreach (var (name, penalty) in pass.Penalties)
        {
            using Scalar weight = settings.PenaltyWeights.GetValueOrDefault(name, 1.0);
            terms[name] = penalty.mul(weight);
        }
        if (settings.Objective is { } objective)
        {
            foreach (var (name, term) in objective.Terms(pass, batch))
                terms.Add(name, term);
        }
        return terms;
    }

    /// <summary>
    /// The validation loss: the objective's validation terms when it reports any for these rows (which needs the rows'
    /// indices, <see cref="TrainingMatrix.SourceRows"/>), otherwise the mean squared reconstruction error (against <paramref name="targets"/> when the network has paired targets).
    /// </summary>
    private double Validate(AutoencoderNetwork network, TrainingMatrix validation, TrainingMatrix? targets)
    {
        network.eval();
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var data = validation.Tensor;
        if (settings.Objective is { } objective && validation.SourceRows is { } rows)
        {
            var latent = network.Encode(data);
            var pass = new ForwardPass(latent, network.Decode(latent));
            var terms = objective.ValidationTerms(pass, new TrainingBatch(data, validation.Observed, tensor(rows, ScalarType.Int64)));
            if (terms.Count > 0)
                return terms.Values.Sum(term => (double)term.item<float>());
        }
        return ReconstructionLoss(network.forward(data), targets?.Tensor ?? data, validation.Observed).item<float>();
    }

    private void Report(EpochLoss loss)
    {
        channel.Info(MessageSensitivity.None, $"Autoencoder: {loss}");
        epochCompleted?.Invoke(loss);
    }

    /// <summary>
    /// A last check that training left a usable network: a non-finite weight (from a non-finite gradient in the last batch
    /// of an epoch, after its loss was already counted) would otherwise give NaN outputs from a fit that reported finite losses.
    /// </summary>
    private void ThrowIfParametersNotFinite(AutoencoderNetwork network, int epochs)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        if (network.parameters().All(p => p.isfinite().all().item<bool>()))
            return;
        throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
            $"Autoencoder training diverged: the network's weights became non-finite by epoch {epochs}. " +
            $"Try a lower LearningRate (now {(float)settings.LearningRate}) or scale the input (Scaling = Standardize)."));
    }

    private void ThrowIfDiverged(EpochLoss loss)
    {
        if (double.IsFinite(loss.TrainingLoss) && double.IsFinite(loss.ValidationLoss ?? 0))
            return;
        var (which, value) = double.IsFinite(loss.TrainingLoss) ? ("validation loss", loss.ValidationLoss ?? double.NaN) : ("training loss", loss.TrainingLoss);
        throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
            $"Autoencoder training diverged: the {which} became {value} in epoch {loss.Epoch}. {LikelyCause(loss)}"));
    }

    /// <summary>Which option to change, named from the loss term that stopped being finite.</summary>
    private string LikelyCause(EpochLoss loss)
    {
        var broken = loss.TrainingTerms.Where(t => !double.IsFinite(t.Value)).Select(t => t.Key).ToList();
        if (broken.Contains(VariationalAutoencoderNetwork.KLPenalty) && !broken.Contains(EpochLoss.ReconstructionTerm))
            return "The KL term did; try a lower Beta or LearningRate " + Now();
        if (broken.Contains(EpochLoss.SparsityTerm) && !broken.Contains(EpochLoss.ReconstructionTerm))
            return "The sparsity term did; try a lower SparsityWeight or LearningRate " + Now();
        string noise = settings.Noise == NoiseKind.Gaussian && settings.NoiseLevel > 1
            ? string.Create(CultureInfo.InvariantCulture, $"a lower NoiseLevel (now {settings.NoiseLevel}: Gaussian noise of that many standard deviations swamps the input), ")
            : "";
        return $"Try {noise}a lower LearningRate {Now()}, or scale the input (Scaling = Standardize).";
    }

    private string Now() => string.Create(CultureInfo.InvariantCulture, $"(LearningRate is now {(float)settings.LearningRate})");
}
