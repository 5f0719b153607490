using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Microsoft.ML;
using Microsoft.ML.Data;
using static TorchSharp.torch;

namespace MLNet.Autoencoders.Estimators.Training;

/// <summary>
/// The training rows of one vector column, materialised once, straight into native memory, as a row-major
/// [rows, features] float tensor that training batches are gathered from without further copies; with missing
/// values, also which entries were observed and what the missing ones were filled with.
/// </summary>
internal sealed unsafe class TrainingMatrix : IDisposable
{
    private readonly Tensor values;
    private readonly float* start;
    private Tensor? observed;

    private TrainingMatrix(Tensor values)
    {
        this.values = values;
        RowCount = checked((int)values.shape[0]);
        FeatureCount = checked((int)values.shape[1]);
        start = Start(values);
    }

    /// <summary>The rows as a [rows, features] tensor; owned by this matrix.</summary>
    public Tensor Tensor => values;

    /// <summary>The rows, row-major, over the tensor's native memory.</summary>
    public Span<float> Values => new(start, checked(RowCount * FeatureCount));

    public int RowCount { get; }

    public int FeatureCount { get; }

    /// <summary>
    /// A [rows, features] tensor with 1 for each observed entry and 0 for each missing one, once <see cref="FillMissing"/>
    /// has run; <see langword="null"/> when missing values are not handled. Owned by this matrix.
    /// </summary>
    public Tensor? Observed => observed;

    /// <summary>
    /// For a matrix <see cref="Split"/> drew from another (the validation rows), the index each of its rows had there, so that
    /// per-row labels or targets of the original rows can be looked up; <see langword="null"/> otherwise.
    /// </summary>
    public int[]? SourceRows { get; private init; }

    /// <summary>Each feature's fill value in <see cref="Values"/>' current units, once <see cref="FillMissing"/> has run.</summary>
    public float[]? Fill { get; private set; }

    /// <summary>
    /// Reads every row of <paramref name="column"/>, which must be a known-size float vector, into native memory
    /// allocated once (a view that does not know its row count is counted first, in a pass that reads no values).
    /// Rejects infinities, and NaN unless <paramref name="allowMissing"/>, naming the column, the row and the feature.
    /// </summary>
    public static TrainingMatrix Read(IDataView data, DataViewSchema.Column column, int featureCount, CancellationToken cancellation,
        bool allowMissing = false, bool canTreatNaNAsMissing = true)
    {
        long rowCount = data.GetRowCount() ?? CountRows(data, cancellation);
        if (rowCount == 0)
            throw new ArgumentException($"Cannot fit an autoencoder on column '{column.Name}': the training data has no rows.", nameof(data));
        if (rowCount * featureCount > Array.MaxLength)
            throw new ArgumentOutOfRangeException(nameof(data),
                $"Column '{column.Name}' has {rowCount:N0} rows of {featureCount} features, more than one in-memory matrix can hold ({Array.MaxLength:N0} values); set DataMode = TrainingDataMode.Streaming.");
        var matrix = new TrainingMatrix(empty(rowCount, featureCount).DetachFromDisposeScope());
        try
        {
            long read = 0;
            using var cursor = data.GetRowCursor([column]);
            var getter = cursor.GetGetter<VBuffer<float>>(column);
            VBuffer<float> buffer = default;
            while (cursor.MoveNext())
            {
                if ((read & 1023) == 0)
                    cancellation.ThrowIfCancellationRequested();
                if (read == rowCount)
                    throw ChangedRowCount(column.Name, rowCount, "more");
                var row = matrix.Values.Slice((int)read * featureCount, featureCount);
                getter(ref buffer);
                buffer.CopyTo(row);
                RejectNonFinite(row, column.Name, read, allowMissing, canTreatNaNAsMissing);
                read++;
            }
            if (read != rowCount)
                throw ChangedRowCount(column.Name, rowCount, $"only {read}");
            return matrix;
        }
        catch
        {
            matrix.Dispose();
            throw;
        }
    }

    private static long CountRows(IDataView data, CancellationToken cancellation)
    {
        long count = 0;
        using var cursor = data.GetRowCursor([]);
        while (cursor.MoveNext())
        {
            if ((++count & 65535) == 0)
                cancellation.ThrowIfCancellationRequested();
        }
        return count;
    }

    private static InvalidOperationException ChangedRowCount(string columnName, long expected, string actual) => new(
        $"The data view gave {expected} rows when counted and {actual} when column '{columnName}' was read; an autoencoder reads its " +
        "training data more than once and needs the same rows each time. Cache it first (mlContext.Data.Cache).");

    /// <summary>
    /// Replaces each NaN by its feature's <paramref name="fill"/> and records which entries were observed in
    /// <see cref="Observed"/>. <paramref name="fill"/> is in the units of <see cref="Values"/>; <paramref name="scaledFill"/>,
    /// kept as <see cref="Fill"/>, is the same values in the units <see cref="Values"/> will have when training starts.
    /// </summary>
    public void FillMissing(ReadOnlySpan<float> fill, float[] scaledFill)
    {
        observed?.Dispose();
        observed = zeros(RowCount, FeatureCount).DetachFromDisposeScope();
        var seen = new Span<float>(Start(observed), RowCount * FeatureCount);
        var data = Values;
        for (int i = 0; i < data.Length; i++)
        {
            if (float.IsNaN(data[i]))
                data[i] = fill[i % FeatureCount];
            else
                seen[i] = 1f;
        }
        Fill = scaledFill;
    }

    /// <summary>
    /// Draws <paramref name="validationCount"/> rows for validation, copied into a matrix of their own, and returns
    /// the rest as row indices into this matrix, in a shuffled order.
    /// </summary>
    public (int[] TrainingRows, TrainingMatrix? Validation) Split(int validationCount, Random random)
    {
        var order = Enumerable.Range(0, RowCount).ToArray();
        if (validationCount <= 0)
            return (order, null);
        random.Shuffle(order);
        return (order[validationCount..], Take(order.AsSpan(0, validationCount)));
    }

    private TrainingMatrix Take(ReadOnlySpan<int> rows)
    {
        using var scope = NewDisposeScope();
        var indices = tensor(rows.ToArray(), ScalarType.Int64);
        var taken = new TrainingMatrix(values.index_select(0, indices).DetachFromDisposeScope())
        {
            observed = observed?.index_select(0, indices).DetachFromDisposeScope(),
            Fill = Fill,
            SourceRows = rows.ToArray(),
        };
        return taken;
    }

    /// <summary>A matrix holding a copy of <paramref name="rows"/> (row-major, <paramref name="rowCount"/> × <paramref name="featureCount"/>).</summary>
    public static TrainingMatrix FromValues(ReadOnlySpan<float> rows, int rowCount, int featureCount)
    {
        var matrix = new TrainingMatrix(empty(rowCount, featureCount).DetachFromDisposeScope());
        rows.CopyTo(matrix.Values);
        return matrix;
    }

    /// <summary>
    /// The address of a contiguous tensor's first value. TorchSharp's <c>bytes</c> span stops at 2 GB, so it is taken from
    /// the first row's span (which starts where the tensor does); the values do not move while the tensor lives.
    /// </summary>
    private static float* Start(Tensor matrix)
    {
        using var firstRow = matrix.narrow(0, 0, 1);
        return (float*)Unsafe.AsPointer(ref MemoryMarshal.GetReference(firstRow.bytes));
    }

    public void Dispose()
    {
        values.Dispose();
        observed?.Dispose();
    }

    /// <param name="row">The row's values.</param>
    /// <param name="columnName">The column, for the message.</param>
    /// <param name="rowIndex">The row's position, for the message.</param>
    /// <param name="allowMissing">Whether NaN is a missing value rather than an error.</param>
    /// <param name="canTreatNaNAsMissing">Whether the caller's estimator has the TreatNaNAsMissing option to suggest.</param>
    internal static void RejectNonFinite(ReadOnlySpan<float> row, string columnName, long rowIndex, bool allowMissing, bool canTreatNaNAsMissing = true)
    {
        for (int j = 0; j < row.Length; j++)
        {
            if (float.IsFinite(row[j]) || (allowMissing && float.IsNaN(row[j])))
                continue;
            string value = row[j].ToString(CultureInfo.InvariantCulture);
            if (allowMissing)
            {
                throw new ArgumentOutOfRangeException("data",
                    $"Column '{columnName}' has {value} in row {rowIndex}, feature {j}; an autoencoder treats NaN as missing but needs every other value finite.");
            }
            throw new ArgumentOutOfRangeException("data",
                $"Column '{columnName}' has {value} in row {rowIndex}, feature {j}; an autoencoder needs finite values. " +
                (canTreatNaNAsMissing
                    ? "Replace missing values first (e.g. mlContext.Transforms.ReplaceMissingValues), remove those rows, " +
                      "or set TreatNaNAsMissing to train on the observed values and impute the missing ones."
                    : "Replace missing values first (e.g. mlContext.Transforms.ReplaceMissingValues) or remove those rows."));
        }
    }
}
