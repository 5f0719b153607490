using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Runtime;
using MLNet.Autoencoders.Estimators.Training;
using MLNet.Autoencoders.Transforms;
using MLNet.Autoencoders.Transforms.AnomalyDetection;
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
/// <item><term><see cref="AutoencoderAnomalyOptions.ScoreColumnName"/></term><description>Output: <see cref="float"/>, the mean over features of the squared reconstruction error in the scaled input space, averaged over the ensemble; higher is more anomalous.</description></item>
/// <item><term><see cref="AutoencoderAnomalyOptions.PredictedLabelColumnName"/></term><description>Output: <see cref="bool"/>, <see langword="true"/> when the score is above the threshold.</description></item>
/// <item><term><see cref="AutoencoderAnomalyOptions.FeatureErrorsColumnName"/></term><description>Optional output: vector of <see cref="float"/> of the input's size, each feature's squared reconstruction error in the scaled input space; the score is their mean.</description></item>
/// </list>
/// <para>
/// Fitting standardizes the features (<see cref="AutoencoderAnomalyOptions.Scaling"/>), trains
/// <see cref="AutoencoderAnomalyOptions.EnsembleSize"/> dense autoencoders from different seeds, each with early
/// stopping on its own held-out rows, scores every training row, and sets the threshold at the
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
    private readonly AutoencoderAnomalyOptions options;

    internal AutoencoderAnomalyEstimator(IHostEnvironment env, AutoencoderAnomalyOptions options)
    {
        ArgumentNullException.ThrowIfNull(env);
        AutoencoderAnomalyOptionsValidation.Validate(options);
        host = env.Register(nameof(AutoencoderAnomalyEstimator));
        this.options = options;
    }

    /// <summary>Trains the detector on <paramref name="input"/> and sets its threshold.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The feature column is missing, is not a known-size float vector, or holds NaN or an infinity.</exception>
    /// <exception cref="ArgumentException">The data has no rows.</exception>
    /// <exception cref="InvalidOperationException">Training diverged (the loss became NaN or infinite).</exception>
    /// <exception cref="OperationCanceledException"><see cref="AutoencoderAnomalyOptions.CancellationToken"/> was cancelled.</exception>
    public AutoencoderAnomalyTransformer Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var column = InputColumn.Find(input.Schema, options.FeatureColumnName);
        int featureCount = ((VectorDataViewType)column.Type).Size;
        int seed = options.Seed ?? host.Rand.Next();
        using var channel = host.Start("Training");

        using var data = TrainingMatrix.Read(input, column, featureCount, options.CancellationToken, canTreatNaNAsMissing: false);
        var raw = data.Values.ToArray();
        var scaler = FeatureScaler.Fit(options.Scaling, data.Values, data.RowCount, featureCount);
        scaler.Apply(data.Values);
        var architecture = AnomalyArchitecture.For(featureCount, options);
        if (architecture.LatentDimension >= featureCount)
            channel.Warning(MessageSensitivity.None, $"Autoencoder anomaly detector: LatentDimension {architecture.LatentDimension} is not smaller than the {featureCount} features; the networks can learn to copy their input, which hides anomalies.");

        using var threads = ThreadCountScope.Set(options.NumberOfThreads);
        var fitted = EnsembleFitter.Fit(architecture, data, options, seed, channel);
        var ensemble = new ReconstructionEnsemble(fitted.Networks, scaler);
        try
        {
            float threshold = options.Threshold ?? ContaminationThreshold.Compute(TrainingScores(ensemble, raw, data.RowCount), options.Contamination);
            channel.Info(MessageSensitivity.None, $"Autoencoder anomaly detector: threshold {threshold:G6}.");
            return new AutoencoderAnomalyTransformer(ensemble, ColumnNames(), threshold, fitted.Histories, options.ScoringBatchSize);
        }
        catch
        {
            ensemble.Dispose();
            throw;
        }
    }

    /// <summary>Describes the columns <see cref="Fit"/>'s transformer will add, checking the feature column.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The feature column is missing or is not a known-size float vector.</exception>
    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        var feature = AutoencoderSchemaShape.RequireFloatVector(inputSchema, options.FeatureColumnName);
        var columns = inputSchema.ToDictionary(c => c.Name);
        var scoreAnnotations = ScoreAnnotationsShape();
        columns[options.ScoreColumnName] = MlNetInternals.CreateColumn(options.ScoreColumnName, SchemaShape.Column.VectorKind.Scalar, NumberDataViewType.Single, false, scoreAnnotations);
        columns[options.PredictedLabelColumnName] = MlNetInternals.CreateColumn(options.PredictedLabelColumnName, SchemaShape.Column.VectorKind.Scalar, BooleanDataViewType.Instance, false, scoreAnnotations);
        if (options.FeatureErrorsColumnName is { } errors)
        {
            var slotNames = MlNetInternals.CreateSchemaShape(feature.Annotations.Where(a => a.Name == "SlotNames"));
            columns[errors] = MlNetInternals.CreateColumn(errors, SchemaShape.Column.VectorKind.Vector, NumberDataViewType.Single, false, slotNames);
        }
        return MlNetInternals.CreateSchemaShape(columns.Values);
    }

    private static SchemaShape ScoreAnnotationsShape() => MlNetInternals.CreateSchemaShape(
    [
        MlNetInternals.CreateColumn("ScoreColumnSetId", SchemaShape.Column.VectorKind.Scalar, NumberDataViewType.UInt32, true),
        MlNetInternals.CreateColumn("ScoreColumnKind", SchemaShape.Column.VectorKind.Scalar, TextDataViewType.Instance, false),
        MlNetInternals.CreateColumn("ScoreValueKind", SchemaShape.Column.VectorKind.Scalar, TextDataViewType.Instance, false),
    ]);

    /// <summary>Scores the raw training rows exactly as the fitted transformer will, a scoring batch at a time.</summary>
    private float[] TrainingScores(ReconstructionEnsemble ensemble, float[] raw, int rowCount)
    {
        int size = ensemble.InputSize;
        var scores = new float[rowCount];
        var errors = new float[Math.Min(rowCount, options.ScoringBatchSize) * size];
        for (int start = 0; start < rowCount; start += options.ScoringBatchSize)
        {
            int count = Math.Min(options.ScoringBatchSize, rowCount - start);
            ensemble.Score(raw.AsSpan(start * size, count * size), count, errors, scores.AsSpan(start, count));
        }
        return scores;
    }

    private AnomalyColumnNames ColumnNames() => new(
        options.FeatureColumnName, options.ScoreColumnName, options.PredictedLabelColumnName, options.FeatureErrorsColumnName);
}
