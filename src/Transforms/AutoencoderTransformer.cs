using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Runtime;
using MLNet.Autoencoders.Transforms.DataView;
using MLNet.Autoencoders.Transforms.Networks;
using MLNet.Autoencoders.Transforms.Persistence;
using MLNet.Autoencoders.Transforms.Scoring;

namespace MLNet.Autoencoders.Transforms;

/// <summary>
/// A fitted autoencoder (dense, or any other <see cref="AutoencoderNetwork"/>). <see cref="Transform"/> adds three lazily computed columns to the data:
/// the latent code, the reconstruction (in the input's units) and the per-row reconstruction error.
/// Rows are scored in batches; reading only carried-over columns runs no network.
/// </summary>
/// <remarks>
/// The transformer owns a TorchSharp module: dispose it (or the model chain holding it) to release
/// native memory. It is saved and loaded by <c>mlContext.Model.Save</c> and <c>mlContext.Model.Load</c>.
/// A NaN in a row's input gives NaN outputs for that row; it never stops the cursor.
/// </remarks>
public sealed class AutoencoderTransformer : ITransformer, IDisposable
{
    internal const string PersistenceKind = "Autoencoder";
    private const int FormatVersion = 1;
    private readonly AutoencoderScorer scorer;
    private bool disposed;

    internal AutoencoderTransformer(AutoencoderNetwork network, FeatureScaler scaler, AutoencoderColumnNames columns,
        IReadOnlyList<EpochLoss> lossHistory, int scoringBatchSize)
    {
        Architecture = network.Architecture;
        Scaler = scaler;
        Columns = columns;
        LossHistory = lossHistory;
        ScoringBatchSize = scoringBatchSize;
        scorer = new AutoencoderScorer(network, scaler);
    }

    /// <summary>The names of the input column and of the three output columns.</summary>
    public AutoencoderColumnNames Columns { get; }

    /// <summary>The network's layer sizes and activation.</summary>
    public NetworkArchitecture Architecture { get; }

    /// <summary>The input scaling learned at fit time.</summary>
    public FeatureScaler Scaler { get; }

    /// <summary>The training and validation loss of every epoch that ran.</summary>
    public IReadOnlyList<EpochLoss> LossHistory { get; }

    /// <summary>How many rows one forward pass scores when a cursor reads computed columns.</summary>
    public int ScoringBatchSize { get; }

    /// <summary>Always <see langword="true"/>: the transformer maps each row independently.</summary>
    public bool IsRowToRowMapper => true;

    /// <inheritdoc/>
    public DataViewSchema GetOutputSchema(DataViewSchema inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        return CreateSchema(inputSchema).Output;
    }

    /// <inheritdoc/>
    public IDataView Transform(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return new AutoencoderDataView(input, CreateSchema(input.Schema), scorer, ScoringBatchSize);
    }

    /// <inheritdoc/>
    public IRowToRowMapper GetRowToRowMapper(DataViewSchema inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        return new AutoencoderRowMapper(CreateSchema(inputSchema), scorer);
    }

    /// <summary>Releases the TorchSharp module. Using the transformer afterwards throws <see cref="ObjectDisposedException"/>.</summary>
    public void Dispose()
    {
        disposed = true;
        scorer.Dispose();
    }

    void ICanSaveModel.Save(ModelSaveContext ctx)
    {
        ThrowIfDisposed();
        ModelPersistence.Save(ctx, PersistenceKind, FormatVersion, model =>
        {
            var writer = model.Writer;
            Columns.Write(writer);
            Architecture.Write(writer);
            Scaler.Write(writer);
            writer.Write(ScoringBatchSize);
            LossHistoryFormat.Write(writer, LossHistory);
            model.WriteBinaryStream(WeightsEntry, w => ModuleWeights.Write(w, scorer.Network));
        });
    }

    internal const string WeightsEntry = "Weights.bin";

    internal static AutoencoderTransformer Load(IHostEnvironment env, PersistedModelReader model)
    {
        if (model.FormatVersion != FormatVersion)
            throw new InvalidDataException($"The model holds a {PersistenceKind} in format version {model.FormatVersion}; this library reads version {FormatVersion}.");
        var reader = model.Reader;
        var columns = AutoencoderColumnNames.Read(reader);
        var architecture = NetworkArchitecture.Read(reader);
        var scaler = FeatureScaler.Read(reader, architecture.InputSize);
        int batchSize = reader.ReadInt32();
        if (batchSize <= 0)
            throw new InvalidDataException($"The model's scoring batch size is {batchSize}; expected a positive number.");
        var history = LossHistoryFormat.Read(reader);

        var network = architecture.CreateNetwork();
        try
        {
            model.ReadBinaryStream(WeightsEntry, r => ModuleWeights.Read(r, network, PersistenceKind));
            return new AutoencoderTransformer(network, scaler, columns, history, batchSize);
        }
        catch
        {
            network.Dispose();
            throw;
        }
    }

    private AutoencoderSchema CreateSchema(DataViewSchema inputSchema)
    {
        ThrowIfDisposed();
        return AutoencoderSchema.Create(inputSchema, Columns, Architecture.InputSize, Architecture.LatentDimension);
    }

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(disposed, this);
}
