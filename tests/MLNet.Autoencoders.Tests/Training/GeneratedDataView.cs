using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLNet.Autoencoders.Tests.Training;

/// <summary>
/// A data view whose rows are computed from their index, never stored: points on a 2-D surface in
/// <see cref="FeatureCount"/> dimensions ("Features"). It counts the cursors opened and the rows read, can hide its row
/// count (like a text loader), can shuffle (a seeded permutation per cursor), and can mark every
/// <c>missingEvery</c>-th value NaN.
/// </summary>
public sealed class GeneratedDataView : IDataView
{
    private readonly int rows;
    private readonly bool knowsRowCount;
    private readonly int missingEvery;
    private int cursors;
    private long rowsRead;

    public GeneratedDataView(int rows, int featureCount = 6, bool knowsRowCount = false, bool canShuffle = false, int missingEvery = 0)
    {
        this.rows = rows;
        this.knowsRowCount = knowsRowCount;
        this.missingEvery = missingEvery;
        FeatureCount = featureCount;
        CanShuffle = canShuffle;
        var builder = new DataViewSchema.Builder();
        builder.AddColumn("Features", new VectorDataViewType(NumberDataViewType.Single, featureCount));
        Schema = builder.ToSchema();
    }

    public int FeatureCount { get; }

    public bool CanShuffle { get; }

    public DataViewSchema Schema { get; }

    /// <summary>The cursors opened so far.</summary>
    public int Cursors => cursors;

    /// <summary>The rows whose values were read so far, over all cursors.</summary>
    public long RowsRead => Interlocked.Read(ref rowsRead);

    /// <summary>The cursors that were asked to shuffle.</summary>
    public int ShuffledCursors { get; private set; }

    public long? GetRowCount() => knowsRowCount ? rows : null;

    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null)
    {
        Interlocked.Increment(ref cursors);
        int[]? order = null;
        if (CanShuffle && rand is not null)
        {
            ShuffledCursors++;
            order = Enumerable.Range(0, rows).ToArray();
            rand.Shuffle(order);
        }
        return new Cursor(this, order, columnsNeeded.Any(c => c.Index == 0));
    }

    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null) =>
        [GetRowCursor(columnsNeeded, rand)];

    /// <summary>Row <paramref name="index"/>'s values.</summary>
    public void Fill(long index, Span<float> values)
    {
        double t = Unit(index, 1) * 2 - 1, s = Unit(index, 2) * 2 - 1;
        for (int j = 0; j < values.Length; j++)
        {
            bool missing = missingEvery > 0 && (index * values.Length + j) % missingEvery == 0;
            values[j] = missing ? float.NaN : (float)(Math.Sin((j % 3 + 1) * t + (j % 5 + 1) * 0.5 * s + j) + 0.01 * (Unit(index, j + 3) - 0.5));
        }
    }

    /// <summary>The mean squared error of predicting every feature by its mean over all rows (no missing values): the baseline a useful model beats.</summary>
    public double MeanBaselineError()
    {
        var sum = new double[FeatureCount];
        var squares = new double[FeatureCount];
        var row = new float[FeatureCount];
        for (int i = 0; i < rows; i++)
        {
            Fill(i, row);
            for (int j = 0; j < FeatureCount; j++)
            {
                sum[j] += row[j];
                squares[j] += (double)row[j] * row[j];
            }
        }
        return Enumerable.Range(0, FeatureCount).Average(j => squares[j] / rows - Math.Pow(sum[j] / rows, 2));
    }

    private static double Unit(long index, int stream)
    {
        ulong z = (ulong)index * 0x9E3779B97F4A7C15UL + (ulong)stream * 0xD1B54A32D192ED03UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return ((z ^ (z >> 31)) >> 11) * (1.0 / (1UL << 53));
    }

    private sealed class Cursor(GeneratedDataView view, int[]? order, bool active) : DataViewRowCursor
    {
        private long position = -1;

        public override DataViewSchema Schema => view.Schema;
        public override long Position => position;
        public override long Batch => 0;
        private long Index => order is null ? position : order[position];

        public override bool MoveNext()
        {
            if (position + 1 >= view.rows)
                return false;
            position++;
            return true;
        }

        public override ValueGetter<DataViewRowId> GetIdGetter() => (ref DataViewRowId id) => id = new DataViewRowId((ulong)Index, 0);

        public override bool IsColumnActive(DataViewSchema.Column column) => active && column.Index == 0;

        public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
        {
            ValueGetter<VBuffer<float>> getter = (ref VBuffer<float> value) =>
            {
                Interlocked.Increment(ref view.rowsRead);
                var editor = VBufferEditor.Create(ref value, view.FeatureCount);
                view.Fill(Index, editor.Values);
                value = editor.Commit();
            };
            return (ValueGetter<TValue>)(Delegate)getter;
        }
    }
}
