using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Runtime;
using MLNet.Autoencoders.Transforms.DataView;
using MLNet.Autoencoders.Transforms.Networks;
using MLNet.Autoencoders.Transforms.Persistence;
using MLNet.Autoencoders.Transforms.Scoring;

namespace MLNet.Autoencoders.Transforms;

/// <summary>
/// A fitted autoencoder (dense, variational, or any other <see cref="AutoencoderNetwork"/>). <see cref="BatchedTransformer.Transform"/> adds lazily
/// computed columns to the data: the latent code, the reconstruction (in the input's units) and the per-row reconstruction
/// error; a variational autoencoder adds the posterior log-variance, and a model that treats NaN as missing adds the
/// imputed input (see <see cref="Columns"/>). Rows are scored in batches; reading only carried-over columns runs no network.
/// <see cref="Decode"/>, <see cref="Sample"/> and <see cref="Interpolate"/> generate new rows from the latent space.
/// </summary>
/// <remarks>
/// The transformer owns a TorchSharp module: dispose it (or the model chain holding it) to release
/// native memory. It is saved and loaded by <c>mlContext.Model.Save</c> and <c>mlContext.Model.Load</c>.
/// A NaN in a row's input gives NaN outputs for that row (it never stops the cursor), unless the model was fitted to treat
/// NaN as missing (<see cref="FeatureScaler.MissingValueFill"/> is set): then NaN is filled with the feature's training
/// mean before the encoder, the error covers the observed features, and the imputed column replaces each NaN by the reconstruction.
/// </remarks>
public sealed class AutoencoderTransformer : BatchedTransformer
{
    internal const string PersistenceKind = "Autoencoder";
    // Version 2 added the optional column names (log-variance, imputed) after the loss history; version 3 the paired target
    // (a flag, then its column name and scaling) after them. Versions 1 and 2 are still read.
    private const int FormatVersion = 3;
    private readonly AutoencoderScorer scorer;

    internal AutoencoderTransformer(AutoencoderNetwork network, FeatureScaler scaler, AutoencoderColumnNames columns,
        IReadOnlyList<EpochLoss> lossHistory, int scoringBatchSize, FeatureScaler? targetScaler = null)
        : base(scoringBatchSize)
    {
        if ((columns.Target is not null) != network.Architecture.HasTarget)
            throw new ArgumentException("A target column name comes with a network that has a target, and only with one.", nameof(columns));
        Architecture = network.Architecture;
        Scaler = scaler;
        TargetScaler = targetScaler;
        Columns = columns;
        LossHistory = lossHistory;
        scorer = new AutoencoderScorer(network, scaler, targetScaler);
    }

    /// <summary>The names of the input column and of the output columns.</summary>
    public AutoencoderColumnNames Columns { get; }

    /// <summary>The network's layer sizes and activation.</summary>
    public NetworkArchitecture Architecture { get; }

    /// <summary>The input scaling learned at fit time, and the missing-value fill if the model treats NaN as missing.</summary>
    public FeatureScaler Scaler { get; }

    /// <summary>
    /// The paired target's scaling learned at fit time, for a model trained with a target column (see
    /// <see cref="AutoencoderColumnNames.Target"/>); <see langword="null"/> for an autoencoder.
    /// </summary>
    public FeatureScaler? TargetScaler { get; }

    /// <summary>The training and validation loss of every epoch that ran.</summary>
    public IReadOnlyList<EpochLoss> LossHistory { get; }

    /// <summary>The trained network (owned by this transformer); used to copy it into a decoder.</summary>
    internal AutoencoderNetwork Network
    {
        get
        {
            ThrowIfDisposed();
            return scorer.Network;
        }
    }

    private protected override (AppendedSchema Schema, RowBatchFactory CreateBatch) Bind(DataViewSchema inputSchema)
    {
        var schema = CreateSchema(inputSchema);
        return (schema.Appended, AutoencoderRowBatch.Factory(scorer, schema));
    }

    /// <summary>
    /// Decodes points of the latent space into rows of the input's shape (of the target's, for a model with a paired target).
    /// Works for any autoencoder, but only a variational one has a latent space where every point near the origin decodes to a plausible row.
    /// </summary>
    /// <param name="latentPoints">The points, each of <see cref="NetworkArchitecture.LatentDimension"/> values.</param>
    /// <returns>
    /// One row per point with two columns: <see cref="AutoencoderColumnNames.Latent"/>, the point, and
    /// <see cref="AutoencoderColumnNames.Input"/>, its decoding in the input's units (a known-size vector of <see cref="float"/>
    /// of the input's size, so the view can go through this transformer or the rest of a pipeline); for a model with a paired
    /// target, the column is <see cref="AutoencoderColumnNames.Target"/> and holds rows of the target's size and units.
    /// </returns>
    /// <exception cref="ArgumentException">A point does not have <see cref="NetworkArchitecture.LatentDimension"/> values.</exception>
    public IDataView Decode(IReadOnlyList<float[]> latentPoints)
    {
        ArgumentNullException.ThrowIfNull(latentPoints);
        ThrowIfDisposed();
        int size = Architecture.LatentDimension;
        var latents = new float[latentPoints.Count * size];
        for (int i = 0; i < latentPoints.Count; i++)
        {
            if (latentPoints[i]?.Length != size)
                throw new ArgumentException($"Latent point {i} has {latentPoints[i]?.Length ?? 0} values; the model's latent dimension is {size}.", nameof(latentPoints));
            latentPoints[i].CopyTo(latents, i * size);
        }
        return DecodedView(latents, latentPoints.Count);
    }

    /// <summary>
    /// Generates <paramref name="count"/> new rows: draws latent codes from the prior N(0, I) with a random generator seeded
    /// by <paramref name="seed"/> and decodes them. The same seed gives the same rows. Variational autoencoders only.
    /// </summary>
    /// <param name="count">The number of rows to generate.</param>
    /// <param name="seed">The seed of the draws.</param>
    /// <returns>The rows, with the columns <see cref="Decode"/> returns.</returns>
    /// <exception cref="InvalidOperationException">The network is not variational, so it has no prior to sample from.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is negative.</exception>
    public IDataView Sample(int count, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ThrowIfDisposed();
        long values = (long)count * Math.Max(Architecture.LatentDimension, Architecture.InputSize);
        if (values > Array.MaxLength)
            throw new ArgumentOutOfRangeException(nameof(count), count,
                $"'{nameof(count)}' asks for {values:N0} values; at most {Array.MaxLength / Math.Max(Architecture.LatentDimension, Architecture.InputSize):N0} rows of this model fit in one view. Got {count}.");
        if (!Architecture.IsVariational)
            throw new InvalidOperationException($"Sample needs a variational autoencoder (mlContext.Transforms.VariationalAutoencoder or ConvolutionalVariationalAutoencoder); this model's network is {Architecture}, which has no prior to sample from. Use Decode with chosen latent points instead.");
        var latents = new float[count * Architecture.LatentDimension];
        if (count == 0)
            return DecodedView(latents, 0);
        using (var generator = new TorchSharp.torch.Generator(unchecked((ulong)seed)))
        using (var draws = TorchSharp.torch.randn([count, Architecture.LatentDimension], generator: generator))
            TensorMemory.CopyTo(draws, latents);
        return DecodedView(latents, count);
    }

    /// <summary>
    /// Encodes two rows (for a variational autoencoder, to their posterior means) and decodes <paramref name="steps"/>
    /// evenly spaced points of the straight segment between the two codes, both ends included: one row morphing into the other.
    /// </summary>
    /// <param name="from">The first row's features, in the input's units.</param>
    /// <param name="to">The last row's features, in the input's units.</param>
    /// <param name="steps">The number of points, at least 2.</param>
    /// <returns>The decoded points, from <paramref name="from"/>'s code to <paramref name="to"/>'s, with the columns <see cref="Decode"/> returns.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="steps"/> is less than 2, or more than one view of this model holds.</exception>
    public IDataView Interpolate(float[] from, float[] to, int steps)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(to);
        ArgumentOutOfRangeException.ThrowIfLessThan(steps, 2);
        ThrowIfDisposed();
        int inputSize = Architecture.InputSize, latentSize = Architecture.LatentDimension;
        int widest = Math.Max(latentSize, Math.Max(inputSize, Architecture.OutputSize));
        long values = (long)steps * widest;
        if (values > Array.MaxLength)
            throw new ArgumentOutOfRangeException(nameof(steps), steps,
                $"'{nameof(steps)}' asks for {values:N0} values; at most {Array.MaxLength / widest:N0} rows of this model fit in one view. Got {steps}.");
        if (from.Length != inputSize || to.Length != inputSize)
            throw new ArgumentException($"Interpolate needs two rows of {inputSize} features; got {from.Length} and {to.Length}.");
        var ends = scorer.CreateBatch(2);
        from.CopyTo(ends.InputRow(0));
        to.CopyTo(ends.InputRow(1));
        ends.Count = 2;
        scorer.Score(ends);
        var latents = new float[steps * latentSize];
        for (int step = 0; step < steps; step++)
        {
            float t = (float)step / (steps - 1);
            for (int k = 0; k < latentSize; k++)
                latents[step * latentSize + k] = (1 - t) * ends.LatentRow(0)[k] + t * ends.LatentRow(1)[k];
        }
        return DecodedView(latents, steps);
    }

    private protected override void ReleaseModules() => scorer.Dispose();

    private protected override void Save(ModelSaveContext ctx)
    {
        ModelPersistence.Save(ctx, PersistenceKind, FormatVersion, model =>
        {
            var writer = model.Writer;
            Columns.Write(writer);
            NetworkHeader.Write(writer, Architecture, Scaler, ScoringBatchSize);
            LossHistoryFormat.Write(writer, LossHistory);
            Columns.WriteOptional(writer);
            writer.Write(Columns.Target is not null);
            if (Columns.Target is { } target)
            {
                writer.Write(target);
                TargetScaler!.Write(writer);
            }
            model.WriteBinaryStream(WeightsEntry, w => ModuleWeights.Write(w, scorer.Network));
        });
    }

    internal const string WeightsEntry = "Weights.bin";

    internal static AutoencoderTransformer Load(IHostEnvironment env, PersistedModelReader model)
    {
        if (model.FormatVersion is < 1 or > FormatVersion)
            throw new InvalidDataException($"The model holds a {PersistenceKind} in format version {model.FormatVersion}; this library reads versions 1 to {FormatVersion}.");
        var reader = model.Reader;
        var columns = AutoencoderColumnNames.Read(reader);
        var (architecture, scaler, batchSize) = NetworkHeader.Read(reader);
        var history = LossHistoryFormat.Read(reader);
        if (model.FormatVersion >= 2)
            columns = columns.ReadOptional(reader);
        FeatureScaler? targetScaler = null;
        if (model.FormatVersion >= 3 && reader.ReadBoolean())
        {
            string target = reader.ReadString();
            if (string.IsNullOrWhiteSpace(target))
                throw new InvalidDataException("The model holds an empty target column name.");
            columns = columns with { Target = target };
            targetScaler = FeatureScaler.Read(reader, architecture.OutputSize);
        }
        if ((columns.Target is not null) != architecture.HasTarget)
            throw new InvalidDataException($"The model's target column and its network ({architecture}) disagree on whether the network has a target.");
        if (columns.LatentLogVariance is not null && !architecture.IsVariational)
            throw new InvalidDataException($"The model names a latent log-variance column, but its network ({architecture}) is not variational.");
        if ((columns.Imputed is not null) != (scaler.MissingValueFill is not null))
            throw new InvalidDataException("The model's imputed column and its missing-value fill values must come together.");

        var network = architecture.CreateNetwork();
        try
        {
            model.ReadBinaryStream(WeightsEntry, r => ModuleWeights.Read(r, network, PersistenceKind));
            return new AutoencoderTransformer(network, scaler, columns, history, batchSize, targetScaler);
        }
        catch
        {
            network.Dispose();
            throw;
        }
    }

    private IDataView DecodedView(float[] latents, int rows)
    {
        var decoded = new float[rows * Architecture.OutputSize];
        scorer.Decode(latents, rows, decoded);
        return new VectorColumnsDataView(rows,
            (Columns.Latent, Architecture.LatentDimension, latents),
            (Columns.Target ?? Columns.Input, Architecture.OutputSize, decoded));
    }

    private AutoencoderSchema CreateSchema(DataViewSchema inputSchema)
    {
        ThrowIfDisposed();
        return AutoencoderSchema.Create(inputSchema, Columns, Architecture);
    }
}
