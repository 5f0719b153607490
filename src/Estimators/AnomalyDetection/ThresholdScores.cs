using Microsoft.ML;
using Microsoft.ML.Data;
using MLNet.Autoencoders.Estimators.Training;
using MLNet.Autoencoders.Transforms.AnomalyDetection;

namespace MLNet.Autoencoders.Estimators.AnomalyDetection;

/// <summary>
/// The two views of the training rows (reconstruction error and neighbour distance) that the score scales are the medians
/// of and the anomaly threshold is a quantile of: the rows read from the data view once more, scored exactly as the fitted
/// transformer will, a scoring batch at a time (so fitting never holds a raw copy of the
/// rows). The pass must read what training read: the same row count, and the same values (compared by <see cref="RowChecksum"/>).
/// </summary>
internal static class ThresholdScores
{
    /// <param name="scorer">The trained networks, scaling and neighbour samples.</param>
    /// <param name="input">The training data view.</param>
    /// <param name="column">Its feature column.</param>
    /// <param name="rowCount">The rows the training pass read.</param>
    /// <param name="checksum">The <see cref="RowChecksum"/> of the rows the training pass read, in the input's units.</param>
    /// <param name="scoringBatchSize">Rows per forward pass.</param>
    /// <param name="cancellation">Checked once per batch.</param>
    /// <returns>Each row's reconstruction error, and its neighbour distance (<see langword="null"/> when the scorer has no neighbour samples).</returns>
    /// <exception cref="InvalidOperationException">The view gave other rows than before; the message suggests caching it.</exception>
    public static (float[] Reconstruction, float[]? Distances) Read(AnomalyScorer scorer, IDataView input, DataViewSchema.Column column, long rowCount, ulong checksum,
        int scoringBatchSize, CancellationToken cancellation)
    {
        int size = scorer.InputSize, batch = (int)Math.Min(rowCount, scoringBatchSize);
        var scores = new float[checked((int)rowCount)];
        var distances = scorer.Neighbors is null ? null : new float[scores.Length];
        var rows = new float[batch * size];
        var errors = new float[batch * size];
        int read = 0, pending = 0;
        ulong seen = 0;
        using var cursor = input.GetRowCursor([column]);
        var getter = cursor.GetGetter<VBuffer<float>>(column);
        VBuffer<float> buffer = default;
        while (cursor.MoveNext())
        {
            if (read + pending == scores.Length)
                throw new InvalidOperationException($"The data view gave more than the {rowCount} rows it gave before when column '{column.Name}' was read to set the threshold; cache it first (mlContext.Data.Cache).");
            getter(ref buffer);
            var row = rows.AsSpan(pending * size, size);
            buffer.CopyTo(row);
            seen += RowChecksum.Of(row);
            if (++pending == batch)
            {
                cancellation.ThrowIfCancellationRequested();
                scorer.ScoreViews(rows.AsSpan(0, pending * size), pending, errors, scores.AsSpan(read, pending), distances is null ? default : distances.AsSpan(read, pending));
                (read, pending) = (read + pending, 0);
            }
        }
        if (pending > 0)
            scorer.ScoreViews(rows.AsSpan(0, pending * size), pending, errors, scores.AsSpan(read, pending), distances is null ? default : distances.AsSpan(read, pending));
        if (read + pending != scores.Length)
            throw new InvalidOperationException($"The data view gave {read + pending} rows when column '{column.Name}' was read to set the threshold, and {rowCount} before; cache it first (mlContext.Data.Cache).");
        if (seen != checksum)
            throw new InvalidOperationException($"The data view gave other values in column '{column.Name}' when it was read to set the threshold than when it was read for training ({rowCount} rows both times); cache it first (mlContext.Data.Cache).");
        return (scores, distances);
    }
}
