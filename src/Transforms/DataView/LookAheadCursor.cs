using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLNet.Autoencoders.Transforms.DataView;

/// <summary>
/// A look-ahead cursor: it reads up to a batch of rows from its source, buffering their carried-over
/// columns and row ids, computes the whole batch at once, then hands the rows out one at a time.
/// What is computed, and how, is the <see cref="IRowBatch"/>'s business.
/// </summary>
internal sealed class LookAheadCursor : DataViewRowCursor
{
    private readonly DataViewRowCursor source;
    private readonly AppendedSchema schema;
    private readonly IRowBatch batch;
    private readonly ValueGetter<DataViewRowId> sourceIds;
    private readonly DataViewRowId[] ids;
    private readonly Dictionary<int, ColumnBuffer> buffers = new();
    private readonly bool[] active;
    private int count;
    private int slot = -1;
    private long position = -1;

    public LookAheadCursor(DataViewRowCursor source, AppendedSchema schema, IRowBatch batch, IEnumerable<DataViewSchema.Column> columnsNeeded)
    {
        this.source = source;
        this.schema = schema;
        this.batch = batch;
        ids = new DataViewRowId[batch.Capacity];
        sourceIds = source.GetIdGetter();

        active = new bool[schema.Output.Count];
        foreach (var column in columnsNeeded)
        {
            active[column.Index] = true;
            if (schema.ComputedIndex(column.Index) < 0)
                buffers[column.Index] = ColumnBuffer.Create(source, source.Schema[column.Index], batch.Capacity);
        }
    }

    public override DataViewSchema Schema => schema.Output;

    public override long Position => position;

    public override long Batch => 0;

    public override bool MoveNext()
    {
        if (slot + 1 < count)
        {
            slot++;
            position++;
            return true;
        }
        slot = -1;
        count = 0;
        while (count < batch.Capacity && source.MoveNext())
        {
            batch.Capture(count);
            sourceIds(ref ids[count]);
            foreach (var buffer in buffers.Values)
                buffer.Capture(count);
            count++;
        }
        if (count == 0)
            return false;
        batch.Compute(count);
        slot = 0;
        position++;
        return true;
    }

    public override ValueGetter<DataViewRowId> GetIdGetter() =>
        (ref DataViewRowId value) => value = ids[CheckedSlot()];

    public override bool IsColumnActive(DataViewSchema.Column column) =>
        column.Index < active.Length && active[column.Index];

    public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
    {
        if (!IsColumnActive(column))
            throw new InvalidOperationException($"Column '{column.Name}' is not active in this cursor.");
        int computed = schema.ComputedIndex(column.Index);
        if (computed >= 0)
            return batch.GetGetter<TValue>(computed, CheckedSlot);
        return buffers[column.Index].CreateGetter(CheckedSlot) as ValueGetter<TValue>
            ?? throw new InvalidOperationException($"Invalid TValue in GetGetter for column '{column.Name}': {typeof(TValue)}, expected {column.Type.RawType}.");
    }

    private int CheckedSlot() => slot >= 0 && slot < count
        ? slot
        : throw new InvalidOperationException("The cursor is not on a row: call MoveNext first.");

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            source.Dispose();
            batch.Dispose();
        }
        base.Dispose(disposing);
    }
}
