using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Runtime;
using MLNet.Autoencoders.Estimators.Training;
using MLNet.Autoencoders.Transforms;
using MLNet.Autoencoders.Transforms.AnomalyDetection;
using MLNet.Autoencoders.Transforms.Networks;
using MLNet.Autoencoders.Transforms.Persistence;
using MLNet.Autoencoders.Transforms.Scoring;

namespace MLNet.Autoencoders.Estimators.AnomalyDetection;

/// <summary>
/// Trains an anomaly detector that scores rows by how badly autoencoders trained on the data reconstruct them
/// (what PyOD's AutoEncoder does), and produces an <see cref="AutoencoderAnomalyTransformer"/> with ML.NET's
/// anomaly-detection output: <c>Score</c> and <c>PredictedLabel</c>.
/// </summary>
/// <remarks>
/// <para>Input and output columns:</para>
/// <list type="table">
/// <listheader><term>Column</term><description>Type and meaning</description></listheader>
/// <item><term><see cref="AutoencoderAnomalyOptions.FeatureColumnName"/></term><description>Input: known-size vector of <see cref="float"/>, sparse or dense; finite values only when fitting.</description></item>
/// <item><term><see cref="AutoencoderAnomalyOptions.ScoreColumnName"/></term><description>Output: <see cref="float"/>, higher is more anomalous: the larger of the row's reconstruction error and its distance to its k-th nearest sampled training row, each divided by its median over the training rows (a little above 1 for a typical training row); with <see cref="AutoencoderAnomalyOptions.NumberOfNeighbors"/> = 0, the reconstruction error alone.</description></item>
/// <item><term><see cref="AutoencoderAnomalyOptions.PredictedLabelColumnName"/></term><description>Output: <see cref="bool"/>, <see langword="true"/> when the score is above the threshold.</description></item>
/// <item><term><see cref="AutoencoderAnomalyOptions.FeatureErrorsColumnName"/></term><description>Optional output: vector of <see cref="float"/> of the input's size, each feature's squared reconstruction error in the scaled input space; their mean is the row's reconstruction error.</description></item>
/// </list>
/// <para>
/// Fitting standardizes the features (<see cref="AutoencoderAnomalyOptions.Scaling"/>), trains
/// <see cref="AutoencoderAnomalyOptions.EnsembleSize"/> dense autoencoders from different seeds, each with early
/// stopping on its own held-out rows, draws one sample of training rows per network for the neighbour distances
/// (<see cref="AutoencoderAnomalyOptions.NumberOfNeighbors"/>), scores every training row, and sets the threshold at the
/// (1 - <see cref="AutoencoderAnomalyOptions.Contamination"/>) quantile of those scores unless
/// <see cref="AutoencoderAnomalyOptions.Threshold"/> is given. A fixed seed gives bit-identical models.
/// </para>
/// <para>
/// <c>mlContext.AnomalyDetection.Evaluate</c> reads the output; it needs a label column of type <see cref="float"/>
/// (1 = anomaly) or a key with two values. Convert a <see cref="bool"/> label first, for example with
/// <c>mlContext.Transforms.Conversion.ConvertType("Label", outputKind: DataKind.Single)</c>.
/// </para>
/// </remarks>
public sealed class AutoencoderAnomalyEstimator : IEstimator<AutoencoderAnomalyTransformer>
{
    private readonly IHost host;

    /// <summary>
    /// The options as they were when the estimator was created (a validated deep copy, so later changes to the caller's object
    /// cannot bypass validation); <see cref="live"/> supplies only the cancellation token and the epoch callback of each fit.
    /// </summary>
    private readonly AutoencoderAnomalyOptions options;
    private readonly AutoencoderAnomalyOptions live;

    internal AutoencoderAnomalyEstimator(IHostEnvironment env, AutoencoderAnomalyOptions options)
    {
        ArgumentNullException.ThrowIfNull(env);
        ArgumentNullException.ThrowIfNull(options);
        this.options = options.Snapshot();
        AutoencoderAnomalyOptionsValidation.Validate(this.options);
        host = env.Register(nameof(AutoencoderAnomalyEstimator));
        live = options;
    }

    /// <summary>Trains the detector on <paramref name="input"/> and sets its threshold.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The feature column is missing, is not a known-size float vector, or holds NaN or an infinity.</exception>
    /// <exception cref="ArgumentException">The data has no rows.</exception>
    /// <exception cref="InvalidOperationException">Training diverged (the loss became NaN or infinite).</exception>
    /// <exception cref="InsufficientMemoryException">The network's parameters, their gradients and Adam's moments would need more memory than the machine has (the message gives the parameter count and what fits).</exception>
    /// <exception cref="OperationCanceledException"><see cref="AutoencoderAnomalyOptions.CancellationToken"/> was cancelled.</exception>
    public AutoencoderAnomalyTransformer Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var options = this.options.Snapshot();
        options.CancellationToken = live.CancellationToken;
        options.EpochCompleted = live.EpochCompleted;
        var column = InputColumn.Find(input.Schema, options.FeatureColumnName);
        int featureCount = ((VectorDataViewType)column.Type).Size;
        int seed = options.Seed ?? host.Rand.Next();
        using var channel = host.Start("Training");
        var architecture = AnomalyArchitecture.For(featureCount, options);
        ParameterMemory.EnsureFits(architecture, options.EnsembleSize, "HiddenLayers, LatentDimension or EnsembleSize");
        if (architecture.LatentDimension >= featureCount)
            channel.Warning(MessageSensitivity.None, $"Autoencoder anomaly detector: LatentDimension {architecture.LatentDimension} is not smaller than the {featureCount} features; the networks can learn to copy their input, which hides anomalies.");

        int threadCount = TrainingThreads.Choose(options.NumberOfThreads, architecture, options.BatchSize);
        using var threads = ThreadCountScope.Set(threadCount);
        bool streaming = DataModeChoice.UsesStreaming(input, options.DataMode, options.InMemoryBudgetMegabytes, featureCount, copies: 1, channel,
            "Autoencoder anomaly detector");
        BufferLimits.RequireScoringBatch(options.ScoringBatchSize, Math.Max(featureCount, architecture.LatentDimension));
        if (streaming)
            BufferLimits.RequireStreamingBuffer(options.StreamingBufferRows, featureCount);
        var (scaler, fitted, rowCount, checksum) = streaming
            ? FitStreaming(input, column, featureCount, architecture, options, seed, channel)
            : FitInMemory(input, column, featureCount, architecture, options, seed, channel, parallel: threadCount == 1);
        var ensemble = new ReconstructionEnsemble(fitted.Networks, scaler);
        try
        {
            var neighbors = options.NumberOfNeighbors > 0 ? NeighborSampling.Draw(input, column, scaler, rowCount, options, seed) : null;
            var (reconstruction, distances) = ThresholdScores.Read(new AnomalyScorer(ensemble, neighbors, ScoreScales.Unit), input, column, rowCount, checksum,
                options.ScoringBatchSize, options.CancellationToken);
            var scales = distances is null ? ScoreScales.Unit : new ScoreScales(TypicalScore.Of(reconstruction), TypicalScore.Of(distances));
            var scorer = new AnomalyScorer(ensemble, neighbors, scales);
            var scores = distances is null ? reconstruction : reconstruction.Select((r, i) => scales.Combine(r, distances[i]));
            float threshold = options.Threshold ?? ContaminationThreshold.Compute(scores, options.Contamination);
            channel.Info(MessageSensitivity.None, $"Autoencoder anomaly detector: threshold {threshold:G6}.");
            return new AutoencoderAnomalyTransformer(scorer, ColumnNames(), threshold, fitted.Histories, options.ScoringBatchSize);
        }
        catch
        {
            ensemble.Dispose();
            throw;
        }
    }

    /// <summary>Reads the rows into one native matrix, scales it, and trains each network on its own split of it.</summary>
    private static (FeatureScaler, FittedEnsemble, long, ulong) FitInMemory(IDataView input, DataViewSchema.Column column, int featureCount,
        NetworkArchitecture architecture, AutoencoderAnomalyOptions options, int seed, IChannel channel, bool parallel)
    {
        using var data = TrainingMatrix.Read(input, column, featureCount, options.CancellationToken, canTreatNaNAsMissing: false);
        var scaler = FeatureScaler.Fit(options.Scaling, data.Values, data.RowCount, featureCount);
        ulong checksum = RowChecksum.OfRows(data.Values, featureCount);
        scaler.Apply(data.Values);
        int validationCount = (int)(data.RowCount * (double)options.ValidationFraction);
        var fitted = EnsembleFitter.Fit(architecture, memberSeed =>
        {
            var (trainingRows, validation) = data.Split(validationCount, new Random(memberSeed));
            return new EnsembleMember(new InMemoryBatches(data, trainingRows, ownsData: false), validation, trainingRows.Length, OwnsValidation: true);
        }, options, seed, channel, parallel);
        return (scaler, fitted, data.RowCount, checksum);
    }

    /// <summary>One pass for the scaling and the shared validation rows; each network's epochs then stream the view.</summary>
    private static (FeatureScaler, FittedEnsemble, long, ulong) FitStreaming(IDataView input, DataViewSchema.Column column, int featureCount,
        NetworkArchitecture architecture, AutoencoderAnomalyOptions options, int seed, IChannel channel)
    {
        var statistics = StreamingStatistics.Collect(input, column, featureCount, options.ValidationFraction, options.StreamingBufferRows, seed,
            allowMissing: false, options.CancellationToken, canTreatNaNAsMissing: false);
        var scaler = statistics.Scaler(options.Scaling);
        using var validation = statistics.Validation;
        if (validation is not null)
            scaler.Apply(validation.Values);
        channel.Info(MessageSensitivity.None, $"Autoencoder anomaly detector: streaming {statistics.RowCount:N0} rows from the data view each epoch through a shuffle buffer of {options.StreamingBufferRows:N0} rows.");
        var fitted = EnsembleFitter.Fit(architecture, _ => new EnsembleMember(
            new StreamingBatches(input, column, scaler, fill: null, statistics.Selection, statistics.Range(), options.StreamingBufferRows, options.CancellationToken,
                canTreatNaNAsMissing: false),
            validation, statistics.TrainingRowCount, OwnsValidation: false), options, seed, channel, parallel: false);
        return (scaler, fitted, statistics.RowCount, statistics.Checksum);
    }

    /// <summary>Describes the columns <see cref="Fit"/>'s transformer will add, checking the feature column.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The feature column is missing or is not a known-size float vector.</exception>
    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        var feature = AutoencoderSchemaShape.RequireFloatVector(inputSchema, options.FeatureColumnName);
        var columns = inputSchema.ToDictionary(c => c.Name);
        var scoreAnnotations = AutoencoderSchemaShape.ScoreAnnotations();
        columns[options.ScoreColumnName] = MlNetInternals.CreateColumn(options.ScoreColumnName, SchemaShape.Column.VectorKind.Scalar, NumberDataViewType.Single, false, scoreAnnotations);
        columns[options.PredictedLabelColumnName] = MlNetInternals.CreateColumn(options.PredictedLabelColumnName, SchemaShape.Column.VectorKind.Scalar, BooleanDataViewType.Instance, false, scoreAnnotations);
        if (options.FeatureErrorsColumnName is { } errors)
        {
            var slotNames = MlNetInternals.CreateSchemaShape(feature.Annotations.Where(a => a.Name == "SlotNames"));
            columns[errors] = MlNetInternals.CreateColumn(errors, SchemaShape.Column.VectorKind.Vector, NumberDataViewType.Single, false, slotNames);
        }
        return MlNetInternals.CreateSchemaShape(columns.Values);
    }

    private AnomalyColumnNames ColumnNames() => new(
        options.FeatureColumnName, options.ScoreColumnName, options.PredictedLabelColumnName, options.FeatureErrorsColumnName);
}
