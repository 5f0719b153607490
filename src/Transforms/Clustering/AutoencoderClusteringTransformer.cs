using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Runtime;
using MLNet.Autoencoders.Transforms.DataView;
using MLNet.Autoencoders.Transforms.Networks;
using MLNet.Autoencoders.Transforms.Persistence;
using MLNet.Autoencoders.Transforms.Scoring;

namespace MLNet.Autoencoders.Transforms.Clustering;

/// <summary>
/// A fitted autoencoder clustering model (deep embedded clustering). <see cref="BatchedTransformer.Transform"/> adds,
/// lazily and a batch of rows at a time, ML.NET's clustering output: <c>Score</c> (the squared Euclidean distance in the
/// latent space from the row's code to each of the k centres, a vector of <see cref="float"/>, as ML.NET's k-means gives)
/// and <c>PredictedLabel</c> (the nearest centre, a key of k values: cluster ids 1 to k), plus <c>Latent</c> (the code)
/// and, if the model was fitted with a soft-assignment column, each cluster's Student-t soft assignment.
/// The output is what <c>mlContext.Clustering.Evaluate</c> reads.
/// </summary>
/// <remarks>
/// The transformer owns its TorchSharp module: dispose it (or the model chain holding it) to release native memory.
/// It is saved and loaded by <c>mlContext.Model.Save</c> and <c>mlContext.Model.Load</c>. A NaN in a row's input gives
/// NaN distances and <c>PredictedLabel</c> 0 (ML.NET's missing key).
/// </remarks>
public sealed class AutoencoderClusteringTransformer : BatchedTransformer
{
    internal const string PersistenceKind = "AutoencoderClustering";
    internal const string WeightsEntry = "Weights.bin";
    private const int FormatVersion = 1;
    private readonly ClusteringScorer scorer;

    internal AutoencoderClusteringTransformer(ClusteringScorer scorer, ClusteringColumnNames columns,
        IReadOnlyList<EpochLoss> pretrainingLossHistory, IReadOnlyList<EpochLoss> clusteringLossHistory, int scoringBatchSize)
        : base(scoringBatchSize)
    {
        this.scorer = scorer;
        Columns = columns;
        PretrainingLossHistory = pretrainingLossHistory;
        ClusteringLossHistory = clusteringLossHistory;
    }

    /// <summary>The names of the feature column and of the output columns.</summary>
    public ClusteringColumnNames Columns { get; }

    /// <summary>The network's layer sizes and activation.</summary>
    public NetworkArchitecture Architecture => scorer.Network.Architecture;

    /// <summary>The input scaling learned at fit time.</summary>
    public FeatureScaler Scaler => scorer.Scaler;

    /// <summary>k, the number of clusters.</summary>
    public int NumberOfClusters => scorer.Centres.Count;

    /// <summary>The losses of every epoch of the autoencoder's pre-training (reconstruction only).</summary>
    public IReadOnlyList<EpochLoss> PretrainingLossHistory { get; }

    /// <summary>The losses of every epoch of the clustering phase: the "reconstruction" and "clustering" (γ KL(P‖Q)) terms.</summary>
    public IReadOnlyList<EpochLoss> ClusteringLossHistory { get; }

    /// <summary>The cluster centres in the latent space: <see cref="NumberOfClusters"/> arrays of the latent size (copies); cluster id i is centre i - 1.</summary>
    public float[][] GetCentres()
    {
        ThrowIfDisposed();
        return Enumerable.Range(0, NumberOfClusters).Select(i => scorer.Centres.Centre(i).ToArray()).ToArray();
    }

    /// <summary>
    /// How well separated this model's clusters are on <paramref name="data"/>: the mean silhouette coefficient of the
    /// predicted clusters, with Euclidean distances between latent codes, over the first <paramref name="maxRows"/> rows
    /// (the cost grows with the square of the rows). In [-1, 1], higher is better. To choose k, fit one model per candidate
    /// k on the same data and keep the k whose model scores highest (docs/clustering.md shows it on the penguins).
    /// </summary>
    /// <param name="data">Rows with the feature column, e.g. the training data.</param>
    /// <param name="maxRows">The most rows to use. Default is 2,000.</param>
    /// <returns>The mean silhouette; NaN when all rows fall into one cluster.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxRows"/> is less than 2, or the feature column is missing or of another size.</exception>
    public double Silhouette(IDataView data, int maxRows = 2000)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxRows, 2);
        ThrowIfDisposed();
        var scored = Transform(data);
        int latent = Architecture.LatentDimension;
        var codes = new List<float>();
        var clusters = new List<uint>();
        using (var cursor = scored.GetRowCursor([scored.Schema[Columns.Latent], scored.Schema[Columns.PredictedLabel]]))
        {
            var codeGetter = cursor.GetGetter<Microsoft.ML.Data.VBuffer<float>>(scored.Schema[Columns.Latent]);
            var clusterGetter = cursor.GetGetter<uint>(scored.Schema[Columns.PredictedLabel]);
            Microsoft.ML.Data.VBuffer<float> code = default;
            uint cluster = 0;
            while (clusters.Count < maxRows && cursor.MoveNext())
            {
                codeGetter(ref code);
                clusterGetter(ref cluster);
                codes.AddRange(code.DenseValues());
                clusters.Add(cluster);
            }
        }
        return LatentSilhouette.Mean(codes.ToArray(), latent, clusters.ToArray(), NumberOfClusters);
    }

    /// <inheritdoc/>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"Autoencoder clustering: {NumberOfClusters} clusters in the latent space of {Architecture}");

    private protected override (AppendedSchema Schema, RowBatchFactory CreateBatch) Bind(DataViewSchema inputSchema)
    {
        ThrowIfDisposed();
        var schema = ClusteringSchema.Create(inputSchema, Columns, Architecture, NumberOfClusters);
        var feature = schema.Input[Columns.Features];
        return (schema, (source, capacity) => new ClusteringBatch(scorer, source, source.Schema[feature.Index], capacity));
    }

    private protected override void ReleaseModules() => scorer.Dispose();

    private protected override void Save(ModelSaveContext ctx)
    {
        ModelPersistence.Save(ctx, PersistenceKind, FormatVersion, model =>
        {
            var writer = model.Writer;
            Columns.Write(writer);
            NetworkHeader.Write(writer, Architecture, Scaler, ScoringBatchSize);
            scorer.Centres.Write(writer);
            LossHistoryFormat.Write(writer, PretrainingLossHistory);
            LossHistoryFormat.Write(writer, ClusteringLossHistory);
            model.WriteBinaryStream(WeightsEntry, w => ModuleWeights.Write(w, scorer.Network));
        });
    }

    internal static AutoencoderClusteringTransformer Load(IHostEnvironment env, PersistedModelReader model)
    {
        if (model.FormatVersion != FormatVersion)
            throw new InvalidDataException($"The model holds a {PersistenceKind} in format version {model.FormatVersion}; this library reads version {FormatVersion}.");
        var reader = model.Reader;
        var columns = ClusteringColumnNames.Read(reader);
        var (architecture, scaler, batchSize) = NetworkHeader.Read(reader);
        var centres = ClusterCentres.Read(reader, architecture.LatentDimension);
        var pretraining = LossHistoryFormat.Read(reader);
        var clustering = LossHistoryFormat.Read(reader);
        var network = architecture.CreateNetwork();
        try
        {
            model.ReadBinaryStream(WeightsEntry, r => ModuleWeights.Read(r, network, PersistenceKind));
            return new AutoencoderClusteringTransformer(new ClusteringScorer(network, scaler, centres), columns, pretraining, clustering, batchSize);
        }
        catch
        {
            network.Dispose();
            throw;
        }
    }
}
