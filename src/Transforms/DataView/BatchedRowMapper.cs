using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLNet.Autoencoders.Transforms.DataView;

/// <summary>
/// The row-at-a-time path of a batched transform (what <c>PredictionEngine</c> uses): computed columns are
/// computed for the input row, as a batch of one, when first read, and kept until the input moves to another row.
/// </summary>
internal sealed class BatchedRowMapper : IRowToRowMapper
{
    private readonly AppendedSchema schema;
    private readonly RowBatchFactory createBatch;

    public BatchedRowMapper(AppendedSchema schema, RowBatchFactory createBatch)
    {
        this.schema = schema;
        this.createBatch = createBatch;
    }

    public DataViewSchema InputSchema => schema.Input;

    public DataViewSchema OutputSchema => schema.Output;

    public IEnumerable<DataViewSchema.Column> GetDependencies(IEnumerable<DataViewSchema.Column> dependingColumns) =>
        schema.Dependencies(dependingColumns);

    public DataViewRow GetRow(DataViewRow input, IEnumerable<DataViewSchema.Column> activeColumns) =>
        new MappedRow(input, schema, createBatch, activeColumns);

    private sealed class MappedRow : DataViewRow
    {
        private readonly DataViewRow input;
        private readonly AppendedSchema schema;
        private readonly RowBatchFactory createBatch;
        private readonly bool[] active;
        private IRowBatch? batch;
        private long computedPosition = -1;

        public MappedRow(DataViewRow input, AppendedSchema schema, RowBatchFactory createBatch, IEnumerable<DataViewSchema.Column> activeColumns)
        {
            this.input = input;
            this.schema = schema;
            this.createBatch = createBatch;
            active = new bool[schema.Output.Count];
            foreach (var column in activeColumns)
                active[column.Index] = true;
        }

        public override DataViewSchema Schema => schema.Output;

        public override long Position => input.Position;

        public override long Batch => input.Batch;

        public override ValueGetter<DataViewRowId> GetIdGetter() => input.GetIdGetter();

        public override bool IsColumnActive(DataViewSchema.Column column) =>
            column.Index < active.Length && active[column.Index];

        public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
        {
            if (!IsColumnActive(column))
                throw new InvalidOperationException($"Column '{column.Name}' is not active in this row.");
            int computed = schema.ComputedIndex(column.Index);
            if (computed < 0)
                return input.GetGetter<TValue>(input.Schema[column.Index]);
            batch ??= createBatch(input, 1);
            return batch.GetGetter<TValue>(computed, ComputeCurrentRow);
        }

        private int ComputeCurrentRow()
        {
            // A row at position -1 (e.g. PredictionEngine's) is recomputed on every read: it cannot tell rows apart.
            if (computedPosition != input.Position || input.Position < 0)
            {
                batch!.Capture(0);
                batch.Compute(1);
                computedPosition = input.Position;
            }
            return 0;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
                batch?.Dispose();
            base.Dispose(disposing);
        }
    }
}
