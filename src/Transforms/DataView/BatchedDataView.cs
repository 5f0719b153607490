using Microsoft.ML;

namespace MLNet.Autoencoders.Transforms.DataView;

/// <summary>
/// The lazy result of a batched transform: the source's columns plus computed ones. Nothing runs until a
/// cursor is opened; a cursor that reads no computed column computes nothing and forwards to the source.
/// </summary>
internal sealed class BatchedDataView : IDataView
{
    private readonly IDataView source;
    private readonly AppendedSchema schema;
    private readonly RowBatchFactory createBatch;
    private readonly int batchSize;

    public BatchedDataView(IDataView source, AppendedSchema schema, RowBatchFactory createBatch, int batchSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        this.source = source;
        this.schema = schema;
        this.createBatch = createBatch;
        this.batchSize = batchSize;
    }

    public bool CanShuffle => source.CanShuffle;

    public DataViewSchema Schema => schema.Output;

    public long? GetRowCount() => source.GetRowCount();

    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null)
    {
        var needed = columnsNeeded.ToArray();
        var sourceCursor = source.GetRowCursor(schema.Dependencies(needed), rand);
        if (!schema.NeedsComputation(needed))
            return new PassThroughCursor(sourceCursor, schema.Output);
        try
        {
            return new LookAheadCursor(sourceCursor, schema, createBatch(sourceCursor, Capacity()), needed);
        }
        catch
        {
            sourceCursor.Dispose();
            throw;
        }
    }

    /// <summary>The batch size, or the row count when the source knows it is smaller: buffers are sized for what can arrive.</summary>
    private int Capacity() => source.GetRowCount() is { } rows ? (int)Math.Clamp(rows, 1, batchSize) : batchSize;

    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null) =>
        [GetRowCursor(columnsNeeded, rand)];
}
