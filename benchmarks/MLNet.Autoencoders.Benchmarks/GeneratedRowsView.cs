using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLNet.Autoencoders.Benchmarks;

/// <summary>
/// A data view of any number of rows, each computed from its index when read and never stored: points on a 4-D surface
/// in <see cref="FeatureCount"/> dimensions, in a "Features" column. It does not report its row count (like a text
/// loader), and counts the rows read.
/// </summary>
internal sealed class GeneratedRowsView : IDataView
{
    private readonly long rows;
    private long rowsRead;

    public GeneratedRowsView(long rows, int featureCount)
    {
        this.rows = rows;
        FeatureCount = featureCount;
        var builder = new DataViewSchema.Builder();
        builder.AddColumn("Features", new VectorDataViewType(NumberDataViewType.Single, featureCount));
        Schema = builder.ToSchema();
    }

    public int FeatureCount { get; }

    public long RowsRead => Interlocked.Read(ref rowsRead);

    public bool CanShuffle => false;

    public DataViewSchema Schema { get; }

    public long? GetRowCount() => null;

    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null) => new Cursor(this);

    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null) => [new Cursor(this)];

    private void Fill(long index, Span<float> values)
    {
        double a = Unit(index, 1), b = Unit(index, 2), c = Unit(index, 3), d = Unit(index, 4);
        for (int j = 0; j < values.Length; j++)
            values[j] = (float)(Math.Sin((j % 7 + 1) * a + (j % 5) * b + j) * Math.Cos((j % 3) * c - d) + 0.05 * Unit(index, 5 + j));
    }

    private static double Unit(long index, int stream)
    {
        ulong z = (ulong)index * 0x9E3779B97F4A7C15UL + (ulong)stream * 0xD1B54A32D192ED03UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return ((z ^ (z >> 31)) >> 11) * (1.0 / (1UL << 53));
    }

    private sealed class Cursor(GeneratedRowsView view) : DataViewRowCursor
    {
        private long position = -1;

        public override DataViewSchema Schema => view.Schema;
        public override long Position => position;
        public override long Batch => 0;

        public override bool MoveNext() => ++position < view.rows;

        public override ValueGetter<DataViewRowId> GetIdGetter() => (ref DataViewRowId id) => id = new DataViewRowId((ulong)position, 0);

        public override bool IsColumnActive(DataViewSchema.Column column) => column.Index == 0;

        public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
        {
            ValueGetter<VBuffer<float>> getter = (ref VBuffer<float> value) =>
            {
                Interlocked.Increment(ref view.rowsRead);
                var editor = VBufferEditor.Create(ref value, view.FeatureCount);
                view.Fill(position, editor.Values);
                value = editor.Commit();
            };
            return (ValueGetter<TValue>)(Delegate)getter;
        }
    }
}
