using Microsoft.ML;
using Microsoft.ML.Data;
using MLNet.Autoencoders.Transforms.DataView;

namespace MLNet.Autoencoders.Transforms;

/// <summary>
/// What every transformer of this library shares: it appends computed columns to its input, computes them
/// in batches of <see cref="ScoringBatchSize"/> rows through a look-ahead cursor (or one row at a time for a
/// <c>PredictionEngine</c>), computes nothing for cursors that read only carried-over columns, owns TorchSharp
/// modules that <see cref="Dispose"/> releases, and saves itself with <c>mlContext.Model.Save</c>.
/// </summary>
public abstract class BatchedTransformer : ITransformer, IDisposable
{
    private bool disposed;

    private protected BatchedTransformer(int scoringBatchSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(scoringBatchSize);
        ScoringBatchSize = scoringBatchSize;
    }

    /// <summary>How many rows one forward pass computes when a cursor reads computed columns.</summary>
    public int ScoringBatchSize { get; }

    /// <summary>Always <see langword="true"/>: the transformer maps each row independently.</summary>
    public bool IsRowToRowMapper => true;

    /// <inheritdoc/>
    public DataViewSchema GetOutputSchema(DataViewSchema inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        return Bind(inputSchema).Schema.Output;
    }

    /// <inheritdoc/>
    public IDataView Transform(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var (schema, createBatch) = Bind(input.Schema);
        return new BatchedDataView(input, schema, createBatch, ScoringBatchSize);
    }

    /// <inheritdoc/>
    public IRowToRowMapper GetRowToRowMapper(DataViewSchema inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        var (schema, createBatch) = Bind(inputSchema);
        return new BatchedRowMapper(schema, createBatch);
    }

    /// <summary>Releases the TorchSharp modules. Using the transformer afterwards throws <see cref="ObjectDisposedException"/>.</summary>
    public void Dispose()
    {
        if (disposed)
            return;
        disposed = true;
        ReleaseModules();
        GC.SuppressFinalize(this);
    }

    void ICanSaveModel.Save(ModelSaveContext ctx)
    {
        ThrowIfDisposed();
        Save(ctx);
    }

    /// <summary>Checks <paramref name="inputSchema"/> and describes the output: the schema and how to compute a batch of rows.</summary>
    private protected abstract (AppendedSchema Schema, RowBatchFactory CreateBatch) Bind(DataViewSchema inputSchema);

    /// <summary>Disposes the TorchSharp modules; called once.</summary>
    private protected abstract void ReleaseModules();

    /// <summary>Writes the transformer into an ML.NET model (through <c>ModelPersistence.Save</c>).</summary>
    private protected abstract void Save(ModelSaveContext ctx);

    /// <summary>Whether <see cref="Dispose"/> has run.</summary>
    internal bool IsDisposed => disposed;

    private protected void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(disposed, this);
}
