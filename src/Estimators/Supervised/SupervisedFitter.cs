using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Runtime;
using MLNet.Autoencoders.Estimators.Training;
using MLNet.Autoencoders.Transforms;
using MLNet.Autoencoders.Transforms.Networks;
using MLNet.Autoencoders.Transforms.Persistence;
using MLNet.Autoencoders.Transforms.Scoring;
using MLNet.Autoencoders.Transforms.Supervised;
using static TorchSharp.torch;

namespace MLNet.Autoencoders.Estimators;

/// <summary>
/// Fits a supervised autoencoder: reads the features, the label and the auxiliary targets into memory, learns (or takes
/// from a pre-trained autoencoder) the input scaling, builds or copies the network, adds a head per target and trains them
/// together in the shared loop (<see cref="AutoencoderTrainer"/>) with a <see cref="SupervisedObjective"/>.
/// </summary>
internal static class SupervisedFitter
{
    /// <summary>The name of the classifier's loss term in the epoch reports.</summary>
    public const string ClassificationTerm = "classification";

    public static AutoencoderMulticlassTransformer Fit(IHost host, IDataView input, AutoencoderMulticlassOptions options)
    {
        ArgumentNullException.ThrowIfNull(input);
        var (feature, label, auxiliaryColumns) = SupervisedSchemaShape.Columns(input.Schema, options);
        int inputSize = ((VectorDataViewType)feature.Type).Size;
        var architecture = Architecture(feature, options);
        var classes = ClassLabels.From(label);
        if (options.ClassWeights is { } classWeights && classWeights.Length != classes.Count)
            throw new ArgumentOutOfRangeException(nameof(options.ClassWeights), classWeights.Length,
                $"'{nameof(options.ClassWeights)}' must hold one weight per class: label column '{label.Name}' has {classes.Count} classes. Got {classWeights.Length} weights.");
        using var channel = host.Start("Training");
        ParameterMemory.EnsureFits(architecture, networks: 1, "HiddenLayers, Channels or LatentDimension");
        BufferLimits.RequireScoringBatch(options.ScoringBatchSize, Math.Max(inputSize, Math.Max(architecture.LatentDimension, classes.Count)));
        int seed = options.Seed ?? host.Rand.Next();

        var data = TrainingMatrix.Read(input, feature, inputSize, options.CancellationToken, canTreatNaNAsMissing: false);
        var heads = new List<HeadTarget>();
        AutoencoderNetwork? network = null;
        try
        {
            var labels = TargetColumns.ReadClasses(input, label, classes, data.RowCount, "label", options.CancellationToken);
            var scaler = options.PretrainedAutoencoder?.Scaler ?? FeatureScaler.Fit(options.Scaling, data.Values, data.RowCount, inputSize);
            scaler.Apply(data.Values);
            var (trainingRows, validation) = data.Split((int)(data.RowCount * (double)options.ValidationFraction), new Random(seed));
            using var heldOut = validation;
            using var batches = new InMemoryBatches(data, trainingRows, ownsData: false);
            using var threads = ThreadCountScope.Set(TrainingThreads.Choose(options.NumberOfThreads, architecture, options.BatchSize));

            network = CreateNetwork(architecture, options, seed);
            using var generator = new Generator(unchecked((ulong)seed * 0x9E3779B97F4A7C15UL + 7));
            var classifier = Head(architecture, options, classes.Count, generator);
            heads.Add(HeadTarget.Classes(ClassificationTerm, classifier, labels, options.ClassWeights, options.ClassificationWeight));
            var auxiliaries = new List<AuxiliaryOutput>();
            for (int i = 0; i < auxiliaryColumns.Count; i++)
                auxiliaries.Add(AddAuxiliary(input, auxiliaryColumns[i], options.AuxiliaryTargets[i], architecture, options, data.RowCount, generator, heads));

            channel.Info(MessageSensitivity.None,
                $"Autoencoder: {architecture} with a {classes.Count}-class head {classifier.Architecture}, {network.ParameterCount + heads.Sum(h => h.Head.parameters().Sum(p => p.numel())):N0} parameters, " +
                $"on {trainingRows.Length} training ({labels.Count(l => l >= 0)} labelled in all) and {validation?.RowCount ?? 0} validation rows.");
            var settings = AutoencoderFitter.Settings(options, seed) with
            {
                ReconstructionWeight = options.ReconstructionWeight,
                Objective = new SupervisedObjective(heads),
            };
            var history = new AutoencoderTrainer(settings, channel, options.EpochCompleted).Train(network, batches, validation);
            var scorer = new SupervisedScorer(network, scaler, classifier, heads.Skip(1).Select(h => h.Head).ToArray(), auxiliaries);
            var columns = new SupervisedColumnNames(AutoencoderFitter.ColumnNames(options), options.LabelColumnName, options.ScoreColumnName, options.PredictedLabelColumnName);
            heads.ForEach(h => h.Dispose());
            return new AutoencoderMulticlassTransformer(scorer, scaler, columns, classes, auxiliaries, history, options.ScoringBatchSize);
        }
        catch
        {
            network?.Dispose();
            foreach (var head in heads)
            {
                head.Dispose();
                head.Head.Dispose();
            }
            throw;
        }
        finally
        {
            data.Dispose();
        }
    }

    /// <summary>The network: the pre-trained autoencoder's, a convolutional one when an image shape is set, or a dense one.</summary>
    private static NetworkArchitecture Architecture(DataViewSchema.Column feature, AutoencoderMulticlassOptions options)
    {
        var vector = (VectorDataViewType)feature.Type;
        if (options.PretrainedAutoencoder is { } pretrained)
        {
            var architecture = pretrained.Architecture;
            if (architecture.HasTarget)
                throw new ArgumentOutOfRangeException(nameof(options.PretrainedAutoencoder),
                    $"'{nameof(options.PretrainedAutoencoder)}' was trained to produce a paired target column, not to reconstruct its input ({architecture}); the multiclass trainer needs an autoencoder without TargetColumnName.");
            if (vector.Size != architecture.InputSize)
                throw new ArgumentOutOfRangeException("input",
                    $"Schema mismatch for input column '{feature.Name}': the pre-trained autoencoder expects vectors of {architecture.InputSize} values, got {vector}.");
            if (architecture.InputShapeProblem(vector) is { } problem)
                throw new ArgumentOutOfRangeException("input", $"Schema mismatch for input column '{feature.Name}': {problem}.");
            return architecture;
        }
        if (options.ImageShape is not null)
        {
            var convolutional = options.ConvolutionalShape();
            return ConvolutionalAutoencoderEstimator.ArchitectureFor(ConvolutionalInputShape.Resolve(feature, convolutional), convolutional);
        }
        int latent = options.LatentDimension;
        var encoder = options.HiddenLayers ?? [AutoencoderEstimator.DefaultHiddenSize(vector.Size, latent)];
        return new DenseArchitecture(vector.Size, encoder, latent, options.DecoderHiddenLayers ?? encoder.Reverse().ToArray(), options.Activation, options.OutputActivation);
    }

    /// <summary>A new network initialised from the seed, or a copy of the pre-trained one (its encoder frozen when asked).</summary>
    private static AutoencoderNetwork CreateNetwork(NetworkArchitecture architecture, AutoencoderMulticlassOptions options, int seed)
    {
        var network = architecture.CreateNetwork();
        try
        {
            if (options.PretrainedAutoencoder is { } pretrained)
            {
                using var weights = new MemoryStream();
                using (var writer = new BinaryWriter(weights, System.Text.Encoding.UTF8, leaveOpen: true))
                    ModuleWeights.Write(writer, pretrained.Network);
                weights.Position = 0;
                using (var reader = new BinaryReader(weights))
                    ModuleWeights.Read(reader, network, "the pre-trained autoencoder");
                if (options.FreezeEncoder)
                {
                    foreach (var (name, parameter) in network.named_parameters())
                        parameter.requires_grad = name.StartsWith("decoder", StringComparison.Ordinal);
                }
            }
            else
            {
                using var generator = new Generator((ulong)seed);
                network.ResetParameters(generator);
            }
            return network;
        }
        catch
        {
            network.Dispose();
            throw;
        }
    }

    private static PredictionHead Head(NetworkArchitecture architecture, AutoencoderMulticlassOptions options, int outputs, Generator generator)
    {
        var head = new HeadArchitecture(architecture.LatentDimension, options.HeadHiddenLayers.ToArray(), outputs, options.Activation).CreateHead();
        head.ResetParameters(generator);
        return head;
    }

    /// <summary>Reads an auxiliary target, adds its head to <paramref name="heads"/> and returns what the transformer needs to score it.</summary>
    private static AuxiliaryOutput AddAuxiliary(IDataView input, DataViewSchema.Column column, AuxiliaryTarget target, NetworkArchitecture architecture,
        AutoencoderMulticlassOptions options, int rowCount, Generator generator, List<HeadTarget> heads)
    {
        if (column.Type is KeyDataViewType)
        {
            var classes = ClassLabels.From(column);
            var values = TargetColumns.ReadClasses(input, column, classes, rowCount, "auxiliary target", options.CancellationToken);
            var head = Head(architecture, options, classes.Count, generator);
            heads.Add(HeadTarget.Classes(column.Name, head, values, null, target.Weight));
            return new AuxiliaryOutput(column.Name, target.ScoreColumn, target.PredictedLabelColumn, classes, 0, 1, head.Architecture);
        }
        var raw = TargetColumns.ReadValues(input, column, rowCount, options.CancellationToken);
        var observed = raw.Where(v => !float.IsNaN(v)).Select(v => (double)v).ToArray();
        double mean = observed.Average();
        double deviation = Math.Sqrt(observed.Sum(v => (v - mean) * (v - mean)) / observed.Length);
        float scale = deviation > 0 && double.IsFinite(deviation) ? (float)deviation : 1f;
        var standardised = raw.Select(v => (float)((v - mean) / scale)).ToArray();
        var valueHead = Head(architecture, options, 1, generator);
        heads.Add(HeadTarget.Values(column.Name, valueHead, standardised, target.Weight));
        return new AuxiliaryOutput(column.Name, target.ScoreColumn, null, null, (float)mean, scale, valueHead.Architecture);
    }
}
