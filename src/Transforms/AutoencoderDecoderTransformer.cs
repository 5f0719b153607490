using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Runtime;
using MLNet.Autoencoders.Transforms.DataView;
using MLNet.Autoencoders.Transforms.Decoding;
using MLNet.Autoencoders.Transforms.Networks;
using MLNet.Autoencoders.Transforms.Persistence;
using MLNet.Autoencoders.Transforms.Scoring;

namespace MLNet.Autoencoders.Transforms;

/// <summary>
/// The decoder half of a fitted autoencoder: <see cref="BatchedTransformer.Transform"/> adds a column holding the vectors (for a
/// convolutional autoencoder, the images) that a column of latent codes decodes to, in the autoencoder's input
/// units. Feed it codes from the autoencoder's latent column to reconstruct, or new codes to generate.
/// Created by <see cref="AutoencoderTransformerDecoding.CreateDecoder"/>.
/// </summary>
/// <remarks>
/// <para>Input and output columns:</para>
/// <list type="table">
/// <listheader><term>Column</term><description>Type and meaning</description></listheader>
/// <item><term><see cref="DecoderColumnNames.Latent"/></term><description>Input: known-size vector of <see cref="float"/> of the latent dimension.</description></item>
/// <item><term><see cref="DecoderColumnNames.Output"/></term><description>Output: vector of <see cref="float"/> of the autoencoder's input size, in the input's
/// units; for a convolutional autoencoder its type has the (channels, height, width) dimensions.</description></item>
/// </list>
/// <para>
/// Rows are decoded in batches of <see cref="BatchedTransformer.ScoringBatchSize"/>, lazily. The transformer owns its own copy of the
/// network: dispose it to release native memory. It is saved and loaded by <c>mlContext.Model.Save</c> and <c>Model.Load</c>.
/// </para>
/// </remarks>
public sealed class AutoencoderDecoderTransformer : BatchedTransformer
{
    internal const string PersistenceKind = "AutoencoderDecoder";
    internal const string WeightsEntry = "Weights.bin";
    private const int FormatVersion = 1;
    private readonly LatentDecoder decoder;

    internal AutoencoderDecoderTransformer(AutoencoderNetwork network, FeatureScaler scaler, DecoderColumnNames columns, int scoringBatchSize)
        : base(scoringBatchSize)
    {
        decoder = new LatentDecoder(network, scaler);
        Columns = columns;
    }

    /// <summary>The names of the latent column read and of the output column added.</summary>
    public DecoderColumnNames Columns { get; }

    /// <summary>The architecture of the autoencoder whose decoder this is.</summary>
    public NetworkArchitecture Architecture => decoder.Architecture;

    /// <summary>The autoencoder's input scaling, undone on the output.</summary>
    public FeatureScaler Scaler => decoder.Scaler;

    /// <summary>The network whose decoder runs (owned by this transformer); read by the ONNX exporter.</summary>
    internal AutoencoderNetwork Network
    {
        get
        {
            ThrowIfDisposed();
            return decoder.Network;
        }
    }


    private protected override (AppendedSchema Schema, RowBatchFactory CreateBatch) Bind(DataViewSchema inputSchema)
    {
        var schema = CreateSchema(inputSchema);
        return (schema, BatchFactory(schema));
    }

    private protected override void ReleaseModules() => decoder.Dispose();

    /// <inheritdoc/>
    public override string ToString() => $"Autoencoder decoder: {Columns.Latent} -> {Columns.Output}, {Architecture}";

    private protected override void Save(ModelSaveContext ctx)
    {
        ModelPersistence.Save(ctx, PersistenceKind, FormatVersion, model =>
        {
            var writer = model.Writer;
            Columns.Write(writer);
            NetworkHeader.Write(writer, Architecture, Scaler, ScoringBatchSize);
            model.WriteBinaryStream(WeightsEntry, w => ModuleWeights.Write(w, decoder.Network));
        });
    }

    internal static AutoencoderDecoderTransformer Load(IHostEnvironment env, PersistedModelReader model)
    {
        if (model.FormatVersion != FormatVersion)
            throw new InvalidDataException($"The model holds a {PersistenceKind} in format version {model.FormatVersion}; this library reads version {FormatVersion}.");
        var reader = model.Reader;
        var columns = DecoderColumnNames.Read(reader);
        var (architecture, scaler, batchSize) = NetworkHeader.Read(reader, scalesOutput: true);

        var network = architecture.CreateNetwork();
        try
        {
            model.ReadBinaryStream(WeightsEntry, r => ModuleWeights.Read(r, network, PersistenceKind));
            return new AutoencoderDecoderTransformer(network, scaler, columns, batchSize);
        }
        catch
        {
            network.Dispose();
            throw;
        }
    }

    private AppendedSchema CreateSchema(DataViewSchema inputSchema)
    {
        ThrowIfDisposed();
        return DecoderSchema.Create(inputSchema, Columns, Architecture);
    }

    private RowBatchFactory BatchFactory(AppendedSchema schema)
    {
        var latent = schema.Input[Columns.Latent];
        return (source, capacity) => new DecoderBatch(decoder, source, source.Schema[latent.Index], capacity);
    }
}
