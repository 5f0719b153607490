using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLNet.Autoencoders.Estimators.Training;

/// <summary>
/// The training rows of one vector column, materialised as a row-major matrix of floats; with missing values,
/// also which entries were observed and what the missing ones were filled with.
/// </summary>
internal sealed class TrainingMatrix
{
    private TrainingMatrix(float[] values, int rowCount, int featureCount)
    {
        Values = values;
        RowCount = rowCount;
        FeatureCount = featureCount;
    }

    public float[] Values { get; }

    public int RowCount { get; }

    public int FeatureCount { get; }

    /// <summary>
    /// 1 for each observed entry and 0 for each missing one, row-major like <see cref="Values"/>, once
    /// <see cref="FillMissing"/> has run; <see langword="null"/> when missing values are not handled.
    /// </summary>
    public float[]? Observed { get; private set; }

    /// <summary>Each feature's fill value in <see cref="Values"/>' current units, once <see cref="FillMissing"/> has run.</summary>
    public float[]? Fill { get; private set; }

    /// <summary>A new [rows, features] tensor of <see cref="Observed"/>, or <see langword="null"/> when missing values are not handled.</summary>
    public TorchSharp.torch.Tensor? ObservedTensor() => Observed is null ? null : TorchSharp.torch.tensor(Observed, [RowCount, FeatureCount]);

    /// <summary>A new [rows, features] tensor holding a copy of the values.</summary>
    public TorchSharp.torch.Tensor ToTensor() => TorchSharp.torch.tensor(Values, [RowCount, FeatureCount]);

    public ReadOnlySpan<float> Row(int row) => Values.AsSpan(row * FeatureCount, FeatureCount);

    /// <summary>
    /// Reads every row of <paramref name="column"/>, which must be a known-size float vector.
    /// Rejects infinities, and NaN unless <paramref name="allowMissing"/>, naming the column, the row and the feature.
    /// </summary>
    public static TrainingMatrix Read(IDataView data, DataViewSchema.Column column, int featureCount, CancellationToken cancellation,
        bool allowMissing = false, bool canTreatNaNAsMissing = true)
    {
        // One exact allocation when the view knows its row count; otherwise grow by doubling and trim once.
        long? knownRows = data.GetRowCount();
        var values = new float[checked((int)Math.Max(1, (knownRows ?? 1024) * featureCount))];
        int rowCount = 0;
        using (var cursor = data.GetRowCursor([column]))
        {
            var getter = cursor.GetGetter<VBuffer<float>>(column);
            VBuffer<float> buffer = default;
            while (cursor.MoveNext())
            {
                if ((rowCount & 1023) == 0)
                    cancellation.ThrowIfCancellationRequested();
                if ((long)(rowCount + 1) * featureCount > values.Length)
                    Array.Resize(ref values, checked(Math.Max(values.Length * 2, (rowCount + 1) * featureCount)));
                var row = values.AsSpan(rowCount * featureCount, featureCount);
                getter(ref buffer);
                buffer.CopyTo(row);
                RejectNonFinite(row, column.Name, rowCount, allowMissing, canTreatNaNAsMissing);
                rowCount++;
            }
        }
        if (rowCount == 0)
            throw new ArgumentException($"Cannot fit an autoencoder on column '{column.Name}': the training data has no rows.", nameof(data));
        if (values.Length != rowCount * featureCount)
            Array.Resize(ref values, rowCount * featureCount);
        return new TrainingMatrix(values, rowCount, featureCount);
    }

    /// <summary>
    /// Replaces each NaN by its feature's <paramref name="fill"/> and records which entries were observed in
    /// <see cref="Observed"/>. <paramref name="fill"/> is in the units of <see cref="Values"/>; <paramref name="scaledFill"/>,
    /// kept as <see cref="Fill"/>, is the same values in the units <see cref="Values"/> will have when training starts.
    /// </summary>
    public void FillMissing(ReadOnlySpan<float> fill, float[] scaledFill)
    {
        var observed = new float[Values.Length];
        for (int i = 0; i < Values.Length; i++)
        {
            if (float.IsNaN(Values[i]))
                Values[i] = fill[i % FeatureCount];
            else
                observed[i] = 1f;
        }
        Observed = observed;
        Fill = scaledFill;
    }

    /// <summary>Splits the rows into a shuffled training part and a validation part of <paramref name="validationCount"/> rows.</summary>
    public (TrainingMatrix Training, TrainingMatrix? Validation) Split(int validationCount, Random random)
    {
        if (validationCount <= 0)
            return (this, null);
        var order = Enumerable.Range(0, RowCount).ToArray();
        random.Shuffle(order);
        return (Take(order.AsSpan(validationCount)), Take(order.AsSpan(0, validationCount)));
    }

    private TrainingMatrix Take(ReadOnlySpan<int> rows)
    {
        var values = new float[rows.Length * FeatureCount];
        var observed = Observed is null ? null : new float[rows.Length * FeatureCount];
        for (int i = 0; i < rows.Length; i++)
        {
            Row(rows[i]).CopyTo(values.AsSpan(i * FeatureCount, FeatureCount));
            Observed?.AsSpan(rows[i] * FeatureCount, FeatureCount).CopyTo(observed.AsSpan(i * FeatureCount, FeatureCount));
        }
        return new TrainingMatrix(values, rows.Length, FeatureCount) { Observed = observed, Fill = Fill };
    }

    /// <summary>A matrix over <paramref name="values"/> (row-major, <paramref name="rowCount"/> × <paramref name="featureCount"/>; not copied).</summary>
    public static TrainingMatrix FromValues(float[] values, int rowCount, int featureCount) => new(values, rowCount, featureCount);

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
