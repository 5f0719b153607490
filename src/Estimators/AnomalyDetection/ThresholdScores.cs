using Microsoft.ML;
using Microsoft.ML.Data;
using MLNet.Autoencoders.Estimators.Training;
using MLNet.Autoencoders.Transforms.AnomalyDetection;

namespace MLNet.Autoencoders.Estimators.AnomalyDetection;

/// <summary>
/// The scores of the training rows that the anomaly threshold is the quantile of: the rows read from the data view once
/// more, scored exactly as the fitted transformer will, a scoring batch at a time (so fitting never holds a raw copy of the
/// rows). The pass must read what training read: the same row count, and the same values (compared by <see cref="RowChecksum"/>).
/// </summary>
internal static class ThresholdScores
{
    /// <param name="ensemble">The trained networks and scaling.</param>
    /// <param name="input">The training data view.</param>
    /// <param name="column">Its feature column.</param>
    /// <param name="rowCount">The rows the training pass read.</param>
    /// <param name="checksum">The <see cref="RowChecksum"/> of the rows the training pass read, in the input's units.</param>
    /// <param name="scoringBatchSize">Rows per forward pass.</param>
    /// <param name="cancellation">Checked once per batch.</param>
    /// <exception cref="InvalidOperationException">The view gave other rows than before; the message suggests caching it.</exception>
    public static float[] Read(ReconstructionEnsemble ensemble, IDataView input, DataViewSchema.Column column, long rowCount, ulong checksum,
        int scoringBatchSize, CancellationToken cancellation)
    {
        int size = ensemble.InputSize, batch = (int)Math.Min(rowCount, scoringBatchSize);
        var scores = new float[checked((int)rowCount)];
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
                ensemble.Score(rows.AsSpan(0, pending * size), pending, errors, scores.AsSpan(read, pending));
                (read, pending) = (read + pending, 0);
            }
        }
        if (pending > 0)
            ensemble.Score(rows.AsSpan(0, pending * size), pending, errors, scores.AsSpan(read, pending));
        if (read + pending != scores.Length)
            throw new InvalidOperationException($"The data view gave {read + pending} rows when column '{column.Name}' was read to set the threshold, and {rowCount} before; cache it first (mlContext.Data.Cache).");
        if (seen != checksum)
            throw new InvalidOperationException($"The data view gave other values in column '{column.Name}' when it was read to set the threshold than when it was read for training ({rowCount} rows both times); cache it first (mlContext.Data.Cache).");
        return scores;
    }
}
