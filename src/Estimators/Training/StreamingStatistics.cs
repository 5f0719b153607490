using Microsoft.ML;
using Microsoft.ML.Data;
using MLNet.Autoencoders.Transforms;
using MLNet.Autoencoders.Transforms.Scoring;

namespace MLNet.Autoencoders.Estimators.Training;

/// <summary>
/// The one pass over a data view that streaming training makes before its epochs: each feature's mean and standard
/// deviation (Welford, as <see cref="FeatureScaler.Fit"/> computes them), minimum and maximum over the observed values,
/// and a seeded, bounded sample of validation rows (the rows with the smallest hashes among the
/// <c>ValidationFraction</c> candidates, at most <c>StreamingBufferRows</c> of them), kept in the input's units.
/// </summary>
internal sealed class StreamingStatistics
{
    private readonly double[] mean, m2, minimum, maximum;
    private readonly long[] observed;

    private StreamingStatistics(int featureCount)
    {
        mean = new double[featureCount];
        m2 = new double[featureCount];
        minimum = new double[featureCount];
        maximum = new double[featureCount];
        observed = new long[featureCount];
        Array.Fill(minimum, double.PositiveInfinity);
        Array.Fill(maximum, double.NegativeInfinity);
    }

    public long RowCount { get; private set; }

    public long MissingCount { get; private set; }

    /// <summary>The <see cref="RowChecksum"/> of the rows read, in the input's units: a later pass must read the same.</summary>
    public ulong Checksum { get; private set; }

    public int FeatureCount => mean.Length;

    /// <summary>The held-out rows in the input's units (NaN where missing), ordered by hash; <see langword="null"/> when there are none.</summary>
    public TrainingMatrix? Validation { get; private set; }

    /// <summary>Which rows <see cref="Validation"/> holds, for the epochs to skip; <see langword="null"/> when there is no validation.</summary>
    public ValidationSelection? Selection { get; private set; }

    public long TrainingRowCount => RowCount - (Validation?.RowCount ?? 0);

    public static StreamingStatistics Collect(IDataView data, DataViewSchema.Column column, int featureCount, double validationFraction,
        int validationCapacity, int seed, bool allowMissing, CancellationToken cancellation, bool canTreatNaNAsMissing = true)
    {
        var statistics = new StreamingStatistics(featureCount);
        ulong threshold = ValidationSelection.Threshold(validationFraction);
        // A max-heap on hash keeps the smallest-hash candidates: a uniform, seeded sample of bounded size.
        var candidates = new PriorityQueue<float[], ulong>(Comparer<ulong>.Create((a, b) => b.CompareTo(a)));
        using (var cursor = data.GetRowCursor([column]))
        {
            var getter = cursor.GetGetter<VBuffer<float>>(column);
            var id = cursor.GetIdGetter();
            VBuffer<float> buffer = default;
            DataViewRowId rowId = default;
            var row = new float[featureCount];
            while (cursor.MoveNext())
            {
                if ((statistics.RowCount & 1023) == 0)
                    cancellation.ThrowIfCancellationRequested();
                getter(ref buffer);
                buffer.CopyTo(row);
                TrainingMatrix.RejectNonFinite(row, column.Name, statistics.RowCount, allowMissing, canTreatNaNAsMissing);
                statistics.Add(row);
                statistics.Checksum += RowChecksum.Of(row);
                id(ref rowId);
                ulong hash = ValidationSelection.Hash(seed, rowId);
                if (hash < threshold && validationCapacity > 0)
                {
                    if (candidates.Count < validationCapacity)
                        candidates.Enqueue((float[])row.Clone(), hash);
                    else if (candidates.TryPeek(out _, out ulong largest) && hash < largest)
                        candidates.EnqueueDequeue((float[])row.Clone(), hash);
                }
            }
        }
        if (statistics.RowCount == 0)
            throw new ArgumentException($"Cannot fit an autoencoder on column '{column.Name}': the training data has no rows.", nameof(data));
        // As in memory: no validation when the fraction leaves no row, or when it would leave no training row.
        if ((long)(statistics.RowCount * validationFraction) > 0 && candidates.Count > 0 && candidates.Count < statistics.RowCount)
            statistics.KeepValidation(candidates, seed);
        return statistics;
    }

    /// <summary>The scaler of <paramref name="kind"/> these statistics give.</summary>
    public FeatureScaler Scaler(InputScaling kind)
    {
        bool standardize = kind == InputScaling.Standardize;
        var center = new double[FeatureCount];
        var spread = new double[FeatureCount];
        for (int j = 0; j < FeatureCount; j++)
        {
            if (observed[j] == 0)
                (center[j], spread[j]) = (double.NaN, 0);
            else if (standardize)
                (center[j], spread[j]) = (mean[j], Math.Sqrt(m2[j] / observed[j]));
            else
                (center[j], spread[j]) = (minimum[j], maximum[j] - minimum[j]);
        }
        return FeatureScaler.FromStatistics(kind, center, spread);
    }

    /// <summary>Each feature's mean over its observed values, NaN for a feature never observed.</summary>
    public float[] ObservedMeans() => Enumerable.Range(0, FeatureCount).Select(j => observed[j] == 0 ? float.NaN : (float)mean[j]).ToArray();

    /// <summary>Each feature's smallest and largest observed value, in the input's units (0 for a feature never observed).</summary>
    public (float[] Minimum, float[] Maximum) Range() => (
        minimum.Select(v => double.IsFinite(v) ? (float)v : 0f).ToArray(),
        maximum.Select(v => double.IsFinite(v) ? (float)v : 0f).ToArray());

    private void Add(ReadOnlySpan<float> row)
    {
        RowCount++;
        for (int j = 0; j < row.Length; j++)
        {
            double x = row[j];
            if (double.IsNaN(x))
            {
                MissingCount++;
                continue;
            }
            // Welford's update, as FeatureScaler.Fit: the same order of rows gives the same statistics.
            observed[j]++;
            double delta = x - mean[j];
            mean[j] += delta / observed[j];
            m2[j] += delta * (x - mean[j]);
            minimum[j] = Math.Min(minimum[j], x);
            maximum[j] = Math.Max(maximum[j], x);
        }
    }

    private void KeepValidation(PriorityQueue<float[], ulong> candidates, int seed)
    {
        var rows = candidates.UnorderedItems.OrderBy(item => item.Priority).ToArray();
        var values = new float[rows.Length * FeatureCount];
        for (int i = 0; i < rows.Length; i++)
            rows[i].Element.CopyTo(values, i * FeatureCount);
        Validation = TrainingMatrix.FromValues(values, rows.Length, FeatureCount);
        Selection = new ValidationSelection(seed, rows[^1].Priority);
    }
}
