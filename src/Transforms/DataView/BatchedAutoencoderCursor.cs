using Microsoft.ML;
using Microsoft.ML.Data;
using MLNet.Autoencoders.Transforms.Scoring;

namespace MLNet.Autoencoders.Transforms.DataView;

/// <summary>
/// A look-ahead cursor: it reads up to a batch of rows from its source, buffering their carried-over
/// columns, runs one forward pass for the whole batch, then hands the rows out one at a time.
/// </summary>
internal sealed class BatchedAutoencoderCursor : DataViewRowCursor
{
    private readonly DataViewRowCursor source;
    private readonly AutoencoderSchema schema;
    private readonly AutoencoderScorer scorer;
    private readonly AutoencoderBatch batch;
    private readonly FeatureReader features;
    private readonly ValueGetter<DataViewRowId> sourceIds;
    private readonly DataViewRowId[] ids;
    private readonly Dictionary<int, ColumnBuffer> buffers = new();
    private readonly bool[] active;
    private int slot = -1;
    private long position = -1;

    public BatchedAutoencoderCursor(DataViewRowCursor source, AutoencoderSchema schema, AutoencoderScorer scorer, int batchSize,
        IEnumerable<DataViewSchema.Column> columnsNeeded)
    {
        this.source = source;
        this.schema = schema;
        this.scorer = scorer;
        batch = scorer.CreateBatch(batchSize);
        ids = new DataViewRowId[batchSize];
        sourceIds = source.GetIdGetter();
        features = new FeatureReader(source, source.Schema[schema.Feature.Index], scorer.InputSize);

        active = new bool[schema.Output.Count];
        foreach (var column in columnsNeeded)
        {
            active[column.Index] = true;
            if (schema.OutputKind(column.Index) < 0)
                buffers[column.Index] = ColumnBuffer.Create(source, source.Schema[column.Index], batchSize);
        }
    }

    public override DataViewSchema Schema => schema.Output;

    public override long Position => position;

    public override long Batch => 0;

    public override bool MoveNext()
    {
        if (slot + 1 < batch.Count)
        {
            slot++;
            position++;
            return true;
        }
        ReadBatch();
        if (batch.Count == 0)
            return false;
        scorer.Score(batch);
        slot = 0;
        position++;
        return true;
    }

    private void ReadBatch()
    {
        int count = 0;
        while (count < batch.Capacity && source.MoveNext())
        {
            features.Read(batch.InputRow(count));
            sourceIds(ref ids[count]);
            foreach (var buffer in buffers.Values)
                buffer.Capture(count);
            count++;
        }
        batch.Count = count;
    }

    public override ValueGetter<DataViewRowId> GetIdGetter() =>
        (ref DataViewRowId value) => value = ids[CheckedSlot()];

    public override bool IsColumnActive(DataViewSchema.Column column) =>
        column.Index < active.Length && active[column.Index];

    public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
    {
        if (!IsColumnActive(column))
            throw new InvalidOperationException($"Column '{column.Name}' is not active in this cursor.");
        int kind = schema.OutputKind(column.Index);
        if (kind >= 0)
        {
            return OutputGetters.Create<TValue>(kind, (out AutoencoderBatch current) =>
            {
                current = batch;
                return CheckedSlot();
            });
        }
        return buffers[column.Index].CreateGetter(CheckedSlot) as ValueGetter<TValue>
            ?? throw new InvalidOperationException($"Invalid TValue in GetGetter for column '{column.Name}': {typeof(TValue)}, expected {column.Type.RawType}.");
    }

    private int CheckedSlot() => slot >= 0 && slot < batch.Count
        ? slot
        : throw new InvalidOperationException("The cursor is not on a row: call MoveNext first.");

    protected override void Dispose(bool disposing)
    {
        if (disposing)
            source.Dispose();
        base.Dispose(disposing);
    }
}
