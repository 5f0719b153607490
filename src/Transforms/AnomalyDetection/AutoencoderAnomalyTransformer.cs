using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Runtime;
using MLNet.Autoencoders.Transforms.DataView;
using MLNet.Autoencoders.Transforms.Networks;
using MLNet.Autoencoders.Transforms.Persistence;
using MLNet.Autoencoders.Transforms.Scoring;

namespace MLNet.Autoencoders.Transforms.AnomalyDetection;

/// <summary>
/// A fitted autoencoder anomaly detector. <see cref="BatchedTransformer.Transform"/> adds, lazily and a batch of rows at a time,
/// <c>Score</c> (<see cref="float"/>, higher is more anomalous), <c>PredictedLabel</c> (<see cref="bool"/>,
/// <c>Score &gt; </c><see cref="Threshold"/>) and, if the detector was fitted with a feature-errors column,
/// the per-feature reconstruction errors. The output is what <c>mlContext.AnomalyDetection.Evaluate</c> reads.
/// </summary>
/// <remarks>
/// <para>
/// A row is seen two ways, both in the scaled input space (z-scores with the default standardization): its
/// reconstruction error, the mean over features of the squared difference between the row and each network's
/// reconstruction, averaged over the ensemble's networks; and its neighbour distance, the squared distance to the k-th
/// nearest of a sample of training rows per feature, averaged over one sample per network. Each is divided by its median
/// over the training rows and the score is the larger of the two ratios, so a typical training row scores a little above 1
/// and a row either view finds unusual scores high (detectors saved in format version 2 score by the mean of the two). A detector
/// fitted with <c>NumberOfNeighbors = 0</c>, or saved before version 0.3, scores by the reconstruction error alone. The
/// per-feature errors are the reconstruction errors before the mean over features, so the largest one names the input
/// the networks could least reconstruct.
/// </para>
/// <para>
/// The transformer owns its TorchSharp modules: dispose it (or the model chain holding it) to release native
/// memory. It is saved and loaded by <c>mlContext.Model.Save</c> and <c>mlContext.Model.Load</c>, threshold
/// included. A NaN in a row's input gives a NaN score and <c>PredictedLabel</c> <see langword="false"/>.
/// </para>
/// </remarks>
public sealed class AutoencoderAnomalyTransformer : BatchedTransformer
{
    internal const string PersistenceKind = "AutoencoderAnomalyDetector";
    internal const string WeightsEntry = "Weights.bin";
    /// <summary>
    /// Version 2 adds the neighbour samples and score scales; version 3 how the two views combine (the larger ratio; version 2
    /// models keep their mean). Version 1 models (reconstruction error only) still load.
    /// </summary>
    private const int FormatVersion = 3;
    /// <summary>The most networks a saved detector may hold; the estimator accepts no larger ensemble, so every detector it fits loads again.</summary>
    internal const int MaxEnsembleSize = 1024;
    private readonly AnomalyScorer scorer;

    internal AutoencoderAnomalyTransformer(AnomalyScorer scorer, AnomalyColumnNames columns, float threshold,
        IReadOnlyList<IReadOnlyList<EpochLoss>> lossHistories, int scoringBatchSize)
        : base(scoringBatchSize)
    {
        if (!float.IsFinite(threshold))
            throw new ArgumentOutOfRangeException(nameof(threshold), threshold, $"The threshold must be a finite number. Got {threshold}.");
        this.scorer = scorer;
        Columns = columns;
        Threshold = threshold;
        LossHistories = lossHistories;
    }

    /// <summary>The names of the feature column and of the output columns.</summary>
    public AnomalyColumnNames Columns { get; }

    /// <summary>The score above which a row is flagged: <c>PredictedLabel = Score &gt; Threshold</c>.</summary>
    public float Threshold { get; }

    /// <summary>The shape shared by the ensemble's networks.</summary>
    public NetworkArchitecture Architecture => scorer.Ensemble.Architecture;

    /// <summary>The input scaling learned at fit time; scores and feature errors are computed in its output space.</summary>
    public FeatureScaler Scaler => scorer.Ensemble.Scaler;

    /// <summary>The number of networks whose errors are averaged.</summary>
    public int EnsembleSize => scorer.Ensemble.Members.Count;

    /// <summary>
    /// k, the neighbour whose distance counts in the score, or 0 when the detector scores by reconstruction error alone
    /// (fitted with <c>NumberOfNeighbors = 0</c>, or saved before version 0.3).
    /// </summary>
    public int NumberOfNeighbors => scorer.Neighbors?.NeighborCount ?? 0;

    /// <summary>What scores the rows (the ensemble, owned by this transformer, and the neighbour distances); read by the ONNX exporter.</summary>
    internal AnomalyScorer Scorer
    {
        get
        {
            ThrowIfDisposed();
            return scorer;
        }
    }

    /// <summary>For each network of the ensemble, the training and validation loss of every epoch that ran.</summary>
    public IReadOnlyList<IReadOnlyList<EpochLoss>> LossHistories { get; }


    /// <summary>
    /// A detector identical to this one except for its <see cref="Threshold"/>; nothing is retrained.
    /// The new transformer holds its own copy of the networks: dispose each one separately.
    /// </summary>
    /// <param name="threshold">The new threshold, a finite number; rows scoring above it are flagged.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="threshold"/> is NaN or infinite.</exception>
    public AutoencoderAnomalyTransformer WithThreshold(float threshold)
    {
        ThrowIfDisposed();
        if (!float.IsFinite(threshold))
            throw new ArgumentOutOfRangeException(nameof(threshold), threshold, $"'{nameof(threshold)}' must be a finite number. Got {threshold}.");
        var copy = scorer.Clone();
        try
        {
            return new AutoencoderAnomalyTransformer(copy, Columns, threshold, LossHistories, ScoringBatchSize);
        }
        catch
        {
            copy.Dispose();
            throw;
        }
    }

    private protected override (AppendedSchema Schema, RowBatchFactory CreateBatch) Bind(DataViewSchema inputSchema)
    {
        var schema = CreateSchema(inputSchema);
        return (schema, BatchFactory(schema));
    }

    private protected override void ReleaseModules() => scorer.Dispose();

    /// <inheritdoc/>
    public override string ToString() =>
        $"Autoencoder anomaly detector: {EnsembleSize} x {Architecture}{(NumberOfNeighbors > 0 ? $" and {NumberOfNeighbors}-NN distances" : "")}, threshold {Threshold.ToString("G6", CultureInfo.InvariantCulture)}";

    private protected override void Save(ModelSaveContext ctx)
    {
        ModelPersistence.Save(ctx, PersistenceKind, FormatVersion, model =>
        {
            var writer = model.Writer;
            Columns.Write(writer);
            writer.Write(Threshold);
            NetworkHeader.Write(writer, Architecture, Scaler, ScoringBatchSize);
            writer.Write(EnsembleSize);
            foreach (var history in LossHistories)
                LossHistoryFormat.Write(writer, history);
            model.WriteBinaryStream(WeightsEntry, w =>
            {
                foreach (var member in scorer.Ensemble.Members)
                    ModuleWeights.Write(w, member);
            });
            writer.Write(scorer.Neighbors is not null);
            if (scorer.Neighbors is { } neighbors)
            {
                scorer.Scales.Write(writer);
                neighbors.Write(writer);
            }
        });
    }

    internal static AutoencoderAnomalyTransformer Load(IHostEnvironment env, PersistedModelReader model)
    {
        if (model.FormatVersion is < 1 or > FormatVersion)
            throw new InvalidDataException($"The model holds a {PersistenceKind} in format version {model.FormatVersion}; this library reads versions 1 to {FormatVersion}.");
        var reader = model.Reader;
        var columns = AnomalyColumnNames.Read(reader);
        float threshold = reader.ReadSingle();
        if (!float.IsFinite(threshold))
            throw new InvalidDataException($"The model's threshold is {threshold}; expected a finite number.");
        var (architecture, scaler, batchSize) = NetworkHeader.Read(reader);
        int memberCount = reader.ReadInt32();
        if (memberCount is <= 0 or > MaxEnsembleSize)
            throw new InvalidDataException($"The model declares {memberCount} networks; expected 1 to {MaxEnsembleSize}.");
        var histories = new IReadOnlyList<EpochLoss>[memberCount];
        for (int i = 0; i < memberCount; i++)
            histories[i] = LossHistoryFormat.Read(reader);

        var members = new List<AutoencoderNetwork>(memberCount);
        try
        {
            for (int i = 0; i < memberCount; i++)
                members.Add(architecture.CreateNetwork());
            model.ReadBinaryStream(WeightsEntry, r =>
            {
                foreach (var member in members)
                    ModuleWeights.Read(r, member, PersistenceKind);
            });
            var scales = default(ScoreScales);
            NeighborDistances? neighbors = null;
            if (model.FormatVersion >= 2 && reader.ReadBoolean())
            {
                scales = ScoreScales.Read(reader, model.FormatVersion);
                neighbors = NeighborDistances.Read(reader, architecture.InputSize);
            }
            return new AutoencoderAnomalyTransformer(new AnomalyScorer(new ReconstructionEnsemble(members, scaler), neighbors, scales), columns, threshold, histories, batchSize);
        }
        catch
        {
            foreach (var member in members)
                member.Dispose();
            throw;
        }
    }

    private AppendedSchema CreateSchema(DataViewSchema inputSchema)
    {
        ThrowIfDisposed();
        return AnomalySchema.Create(inputSchema, Columns, Architecture.InputSize);
    }

    private RowBatchFactory BatchFactory(AppendedSchema schema)
    {
        var feature = schema.Input[Columns.Features];
        return (source, capacity) => new AnomalyBatch(scorer, Threshold, source, source.Schema[feature.Index], capacity);
    }
}
