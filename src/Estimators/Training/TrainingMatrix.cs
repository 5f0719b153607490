using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLNet.Autoencoders.Estimators.Training;

/// <summary>
/// The training rows of one vector column, materialised as a row-major matrix of floats.
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

    /// <summary>A new [rows, features] tensor holding a copy of the values.</summary>
    public TorchSharp.torch.Tensor ToTensor() => TorchSharp.torch.tensor(Values, [RowCount, FeatureCount]);

    public ReadOnlySpan<float> Row(int row) => Values.AsSpan(row * FeatureCount, FeatureCount);

    /// <summary>
    /// Reads every row of <paramref name="column"/>, which must be a known-size float vector.
    /// Rejects NaN and infinities, naming the column, the row and the feature.
    /// </summary>
    public static TrainingMatrix Read(IDataView data, DataViewSchema.Column column, int featureCount, CancellationToken cancellation)
    {
        var values = new List<float>(checked((int)Math.Min((data.GetRowCount() ?? 1024) * featureCount, int.MaxValue / 2)));
        var row = new float[featureCount];
        int rowCount = 0;
        using (var cursor = data.GetRowCursor([column]))
        {
            var getter = cursor.GetGetter<VBuffer<float>>(column);
            VBuffer<float> buffer = default;
            while (cursor.MoveNext())
            {
                if ((rowCount & 1023) == 0)
                    cancellation.ThrowIfCancellationRequested();
                getter(ref buffer);
                buffer.CopyTo(row);
                RejectNonFinite(row, column.Name, rowCount);
                values.AddRange(row);
                rowCount++;
            }
        }
        if (rowCount == 0)
            throw new ArgumentException($"Cannot fit an autoencoder on column '{column.Name}': the training data has no rows.", nameof(data));
        return new TrainingMatrix(values.ToArray(), rowCount, featureCount);
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
        for (int i = 0; i < rows.Length; i++)
            Row(rows[i]).CopyTo(values.AsSpan(i * FeatureCount, FeatureCount));
        return new TrainingMatrix(values, rows.Length, FeatureCount);
    }

    private static void RejectNonFinite(ReadOnlySpan<float> row, string columnName, int rowIndex)
    {
        for (int j = 0; j < row.Length; j++)
        {
            if (!float.IsFinite(row[j]))
            {
                throw new ArgumentOutOfRangeException("data",
                    $"Column '{columnName}' has {row[j].ToString(CultureInfo.InvariantCulture)} in row {rowIndex}, feature {j}; an autoencoder needs finite values. " +
                    "Replace missing values first (e.g. mlContext.Transforms.ReplaceMissingValues) or remove those rows.");
            }
        }
    }
}
