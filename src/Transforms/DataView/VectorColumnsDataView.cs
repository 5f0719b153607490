using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLNet.Autoencoders.Transforms.DataView;

/// <summary>
/// An in-memory data view of known-size <see cref="float"/> vector columns, each held as one row-major array:
/// what an autoencoder's generation methods (decoding, sampling, interpolating) return.
/// </summary>
internal sealed class VectorColumnsDataView : IDataView
{
    private readonly float[][] values;
    private readonly int[] sizes;
    private readonly int rowCount;

    /// <param name="rowCount">The number of rows.</param>
    /// <param name="columns">Each column's name and row-major values, <paramref name="rowCount"/> times its size long.</param>
    public VectorColumnsDataView(int rowCount, params (string Name, int Size, float[] Values)[] columns)
    {
        this.rowCount = rowCount;
        var builder = new DataViewSchema.Builder();
        foreach (var (name, size, columnValues) in columns)
        {
            if (columnValues.Length != rowCount * size)
                throw new ArgumentException($"Column '{name}' holds {columnValues.Length} values; expected {rowCount} rows of {size}.", nameof(columns));
            builder.AddColumn(name, new VectorDataViewType(NumberDataViewType.Single, size));
        }
        Schema = builder.ToSchema();
        values = columns.Select(c => c.Values).ToArray();
        sizes = columns.Select(c => c.Size).ToArray();
    }

    public bool CanShuffle => false;

    public DataViewSchema Schema { get; }

    public long? GetRowCount() => rowCount;

    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null) =>
        new Cursor(this, columnsNeeded);

    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null) =>
        [GetRowCursor(columnsNeeded, rand)];

    private sealed class Cursor : DataViewRowCursor
    {
        private readonly VectorColumnsDataView view;
        private readonly bool[] active;
        private long position = -1;

        public Cursor(VectorColumnsDataView view, IEnumerable<DataViewSchema.Column> columnsNeeded)
        {
            this.view = view;
            active = new bool[view.Schema.Count];
            foreach (var column in columnsNeeded)
                active[column.Index] = true;
        }

        public override DataViewSchema Schema => view.Schema;

        public override long Position => position;

        public override long Batch => 0;

        public override bool MoveNext()
        {
            if (position + 1 >= view.rowCount)
            {
                position = view.rowCount;
                return false;
            }
            position++;
            return true;
        }

        public override ValueGetter<DataViewRowId> GetIdGetter() =>
            (ref DataViewRowId value) => value = new DataViewRowId((ulong)CheckedRow(), 0);

        public override bool IsColumnActive(DataViewSchema.Column column) =>
            column.Index < active.Length && active[column.Index];

        public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
        {
            if (!IsColumnActive(column))
                throw new InvalidOperationException($"Column '{column.Name}' is not active in this cursor.");
            int size = view.sizes[column.Index];
            float[] source = view.values[column.Index];
            ValueGetter<VBuffer<float>> getter = (ref VBuffer<float> value) =>
            {
                var editor = VBufferEditor.Create(ref value, size);
                source.AsSpan((int)CheckedRow() * size, size).CopyTo(editor.Values);
                value = editor.Commit();
            };
            return getter as ValueGetter<TValue>
                ?? throw new InvalidOperationException($"Invalid TValue in GetGetter for column '{column.Name}': {typeof(TValue)}, expected {typeof(VBuffer<float>)}.");
        }

        private long CheckedRow() => position >= 0 && position < view.rowCount
            ? position
            : throw new InvalidOperationException("The cursor is not on a row: call MoveNext first.");
    }
}
