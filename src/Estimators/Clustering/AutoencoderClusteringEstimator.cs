using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Runtime;
using MLNet.Autoencoders.Estimators.Training;
using MLNet.Autoencoders.Transforms;
using MLNet.Autoencoders.Transforms.Clustering;
using MLNet.Autoencoders.Transforms.Networks;
using MLNet.Autoencoders.Transforms.Persistence;
using MLNet.Autoencoders.Transforms.Scoring;

namespace MLNet.Autoencoders.Estimators.Clustering;

/// <summary>
/// Clusters rows in the latent space of an autoencoder trained for it (deep embedded clustering: IDEC, Guo et al. 2017),
/// and produces an <see cref="AutoencoderClusteringTransformer"/> with ML.NET's clustering output, <c>Score</c> and
/// <c>PredictedLabel</c>, plus the latent code.
/// </summary>
/// <remarks>
/// <para>Input and output columns:</para>
/// <list type="table">
/// <listheader><term>Column</term><description>Type and meaning</description></listheader>
/// <item><term><see cref="AutoencoderClusteringOptions.FeatureColumnName"/></term><description>Input: known-size vector of <see cref="float"/>, sparse or dense; finite values only when fitting.</description></item>
/// <item><term><see cref="AutoencoderClusteringOptions.ScoreColumnName"/></term><description>Output: vector of <see cref="float"/> of size k, the squared Euclidean distance in the latent space from the row's code to each centre (smaller is closer, as ML.NET's k-means).</description></item>
/// <item><term><see cref="AutoencoderClusteringOptions.PredictedLabelColumnName"/></term><description>Output: key of k values (<see cref="uint"/> 1 to k), the nearest centre.</description></item>
/// <item><term><see cref="AutoencoderClusteringOptions.LatentColumnName"/></term><description>Output: vector of <see cref="float"/> of the latent size, the row's code.</description></item>
/// <item><term><see cref="AutoencoderClusteringOptions.SoftAssignmentColumnName"/></term><description>Optional output: vector of <see cref="float"/> of size k summing to 1, the Student-t soft assignment (DEC's q).</description></item>
/// </list>
/// <para>
/// Fitting has two phases. Pre-training trains an autoencoder (dense, or convolutional when
/// <see cref="AutoencoderClusteringOptions.ImageShape"/> is set) to reconstruct the scaled input, with early stopping on
/// held-out rows, exactly as <c>mlContext.Transforms.Autoencoder</c> does. Then k-means++ (the best of
/// <see cref="AutoencoderClusteringOptions.KMeansInitializations"/> seeded runs) places k centres among the codes of every
/// row, and the clustering phase trains the encoder, the decoder and the centres together on the reconstruction error plus
/// γ KL(P‖Q) (<see cref="AutoencoderClusteringOptions.ClusteringWeight"/>): Q softly assigns each code to the centres with
/// a Student-t kernel, and the target P sharpens Q and evens out the cluster sizes. P is recomputed over all rows every
/// <see cref="AutoencoderClusteringOptions.TargetUpdateInterval"/> epochs, and training stops when fewer than
/// <see cref="AutoencoderClusteringOptions.Tolerance"/> of the rows changed cluster. Both phases report each epoch to
/// <c>MLContext.Log</c> and to <see cref="AutoencoderClusteringOptions.EpochCompleted"/>. A fixed seed gives bit-identical
/// models and assignments.
/// </para>
/// <para>
/// The rows are read into memory (the clustering phase needs every row's target); there is no streaming mode.
/// <c>mlContext.Clustering.Evaluate(data, labelColumnName: ..., scoreColumnName: "Score", featureColumnName: ...)</c> reads the output.
/// </para>
/// </remarks>
public sealed class AutoencoderClusteringEstimator : IEstimator<AutoencoderClusteringTransformer>
{
    private readonly IHost host;

    /// <summary>
    /// The options as they were when the estimator was created (a validated deep copy); <see cref="live"/> supplies only the
    /// cancellation token and the epoch callback of each fit.
    /// </summary>
    private readonly AutoencoderClusteringOptions options;
    private readonly AutoencoderClusteringOptions live;

    internal AutoencoderClusteringEstimator(IHostEnvironment env, AutoencoderClusteringOptions options)
    {
        ArgumentNullException.ThrowIfNull(env);
        ArgumentNullException.ThrowIfNull(options);
        this.options = options.Snapshot();
        AutoencoderClusteringOptionsValidation.Validate(this.options);
        host = env.Register(nameof(AutoencoderClusteringEstimator));
        live = options;
    }

    /// <summary>Pre-trains the autoencoder on <paramref name="input"/>, places the centres and trains both for clustering.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The feature column is missing, is not a known-size float vector (or not of the image shape), or holds NaN or an infinity; or <see cref="AutoencoderClusteringOptions.NumberOfClusters"/> exceeds the number of rows.</exception>
    /// <exception cref="ArgumentException">The data has no rows.</exception>
    /// <exception cref="InvalidOperationException">Training diverged (a loss or a centre became NaN or infinite).</exception>
    /// <exception cref="OperationCanceledException"><see cref="AutoencoderClusteringOptions.CancellationToken"/> was cancelled.</exception>
    public AutoencoderClusteringTransformer Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var options = this.options.Snapshot();
        options.CancellationToken = live.CancellationToken;
        options.EpochCompleted = live.EpochCompleted;
        var column = InputColumn.Find(input.Schema, options.FeatureColumnName);
        int inputSize = ((VectorDataViewType)column.Type).Size;
        int seed = options.Seed ?? host.Rand.Next();
        if (options.ImageShape is not null)
            ClusteringPretraining.Architecture(ClusteringPretraining.Options(options, inputSize, rows: 1, seed), column);

        using var data = TrainingMatrix.Read(input, column, inputSize, options.CancellationToken, allowMissing: false, canTreatNaNAsMissing: false);
        AutoencoderClusteringOptionsValidation.RequireClustersFit(options.NumberOfClusters, data.RowCount);
        var pretraining = ClusteringPretraining.Options(options, inputSize, data.RowCount, seed);
        var architecture = ClusteringPretraining.Architecture(pretraining, column);
        var fitted = AutoencoderFitter.Fit(host, input, pretraining, _ => architecture);
        try
        {
            fitted.Scaler.Apply(data.Values);
            var (centres, history) = Cluster(fitted.Network, data, options, pretraining.BatchSize, seed);
            var scorer = new ClusteringScorer(fitted.Network, fitted.Scaler, new ClusterCentres(centres, architecture.LatentDimension));
            return new AutoencoderClusteringTransformer(scorer, ColumnNames(options), fitted.History, history, options.ScoringBatchSize);
        }
        catch
        {
            fitted.Network.Dispose();
            throw;
        }
    }

    /// <summary>k-means on the codes of every row, then the IDEC phase on the shared training loop; returns the centres and the phase's losses.</summary>
    private (float[] Centres, IReadOnlyList<EpochLoss> History) Cluster(AutoencoderNetwork network, TrainingMatrix data, AutoencoderClusteringOptions options, int batchSize, int seed)
    {
        using var channel = host.Start("Clustering");
        int latent = network.Architecture.LatentDimension;
        using var threads = ThreadCountScope.Set(TrainingThreads.Choose(options.NumberOfThreads, network.Architecture, batchSize));
        var codes = new float[data.RowCount * latent];
        using (var encoded = LatentCodes.Map(network, data, z => z))
            TensorMemory.CopyTo(encoded, codes);
        var (centres, assignments) = KMeansPlusPlus.Fit(codes, latent, options.NumberOfClusters, options.KMeansInitializations, seed, options.CancellationToken);
        channel.Info(MessageSensitivity.None, $"Autoencoder clustering: k-means++ placed {options.NumberOfClusters} centres among the codes of {data.RowCount} rows.");
        if (options.ClusteringEpochs == 0)
            return (centres, []);

        using var objective = new IdecObjective(centres, latent, assignments, data, options.ClusteringWeight,
            ClusteringPretraining.TargetUpdateInterval(options, data.RowCount, batchSize), options.Tolerance, channel);
        var settings = new TrainingSettings(options.ClusteringEpochs, batchSize, options.LearningRate, WeightDecay: 0,
            EarlyStoppingPatience: 0, seed, options.CancellationToken) { Objective = objective };
        var report = options.EpochCompleted;
        var trainer = new AutoencoderTrainer(settings, channel, loss => report?.Invoke(new ClusteringEpochLoss(ClusteringPhase.Clustering, loss, objective.ChangedAssignments)));
        using var batches = new InMemoryBatches(data, Enumerable.Range(0, data.RowCount).ToArray(), ownsData: false);
        var history = trainer.Train(network, batches, validation: null);
        var trained = objective.Centres();
        if (Array.Exists(trained, v => !float.IsFinite(v)))
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                $"Autoencoder clustering diverged: a cluster centre became non-finite. Try a lower LearningRate (now {options.LearningRate}) or ClusteringWeight (now {options.ClusteringWeight})."));
        return (trained, history);
    }

    /// <summary>Describes the columns <see cref="Fit"/>'s transformer will add, checking the feature column.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The feature column is missing or is not a known-size float vector.</exception>
    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        AutoencoderSchemaShape.RequireFloatVector(inputSchema, options.FeatureColumnName);
        var columns = inputSchema.ToDictionary(c => c.Name);
        var scoreAnnotations = AutoencoderSchemaShape.ScoreAnnotations();
        columns[options.ScoreColumnName] = MlNetInternals.CreateColumn(options.ScoreColumnName, SchemaShape.Column.VectorKind.Vector, NumberDataViewType.Single, false, scoreAnnotations);
        columns[options.PredictedLabelColumnName] = MlNetInternals.CreateColumn(options.PredictedLabelColumnName, SchemaShape.Column.VectorKind.Scalar, NumberDataViewType.UInt32, true, scoreAnnotations);
        columns[options.LatentColumnName] = MlNetInternals.CreateColumn(options.LatentColumnName, SchemaShape.Column.VectorKind.Vector, NumberDataViewType.Single, false);
        if (options.SoftAssignmentColumnName is { } soft)
            columns[soft] = MlNetInternals.CreateColumn(soft, SchemaShape.Column.VectorKind.Vector, NumberDataViewType.Single, false);
        return MlNetInternals.CreateSchemaShape(columns.Values);
    }

    private static ClusteringColumnNames ColumnNames(AutoencoderClusteringOptions options) => new(
        options.FeatureColumnName, options.ScoreColumnName, options.PredictedLabelColumnName, options.LatentColumnName, options.SoftAssignmentColumnName);
}
