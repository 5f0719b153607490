using System.Diagnostics.CodeAnalysis;
using Microsoft.ML;
using Microsoft.ML.Data;
using MLNet.Autoencoders.Transforms.Scoring;
using static TorchSharp.torch;

namespace MLNet.Autoencoders.Estimators.Training;

/// <summary>
/// Batches read from the data view on every epoch, never materialising it: a cursor per epoch (shuffled by the view when
/// it can shuffle, from a seeded <see cref="Random"/>) feeds a seeded shuffle buffer of a fixed number of rows, from which
/// rows are drawn at random into batches. Validation rows are skipped; each row is checked, filled (missing values) and
/// scaled as it is read. Memory is the buffer plus one batch, whatever the number of rows.
/// </summary>
internal sealed class StreamingBatches : IBatchSource
{
    private readonly IDataView data;
    private readonly DataViewSchema.Column column;
    private readonly FeatureScaler scaler;
    private readonly float[]? fill;
    private readonly ValidationSelection? validation;
    private readonly int bufferRows;
    private readonly float[] scaledMinimum, scaledMaximum;
    private readonly CancellationToken cancellation;
    private readonly bool canTreatNaNAsMissing;

    /// <param name="data">The data view, read once per epoch.</param>
    /// <param name="column">The known-size float vector column.</param>
    /// <param name="scaler">The scaling learned from the statistics pass.</param>
    /// <param name="fill">Each feature's missing-value fill in the input's units, or <see langword="null"/> when NaN is an error.</param>
    /// <param name="validation">The rows to skip (held out), or <see langword="null"/>.</param>
    /// <param name="range">Each feature's observed minimum and maximum, in the input's units.</param>
    /// <param name="bufferRows">The shuffle buffer's size in rows.</param>
    /// <param name="cancellation">Checked every 1,024 rows read.</param>
    /// <param name="canTreatNaNAsMissing">Whether the estimator has the TreatNaNAsMissing option for a NaN's message to suggest.</param>
    public StreamingBatches(IDataView data, DataViewSchema.Column column, FeatureScaler scaler, float[]? fill, ValidationSelection? validation,
        (float[] Minimum, float[] Maximum) range, int bufferRows, CancellationToken cancellation, bool canTreatNaNAsMissing = true)
    {
        this.canTreatNaNAsMissing = canTreatNaNAsMissing;
        this.data = data;
        this.column = column;
        this.scaler = scaler;
        this.fill = fill;
        this.validation = validation;
        this.bufferRows = bufferRows;
        this.cancellation = cancellation;
        scaledMinimum = (float[])range.Minimum.Clone();
        scaledMaximum = (float[])range.Maximum.Clone();
        scaler.Apply(scaledMinimum);
        scaler.Apply(scaledMaximum);
        if (fill is not null)
        {
            var scaledFill = (float[])fill.Clone();
            scaler.Apply(scaledFill);
            Fill = tensor(scaledFill, [1, scaledFill.Length]);
        }
    }

    public int FeatureCount => scaler.FeatureCount;

    public Tensor? Fill { get; }

    public (Tensor Minimum, Tensor Maximum) FeatureRange() => (tensor(scaledMinimum), tensor(scaledMaximum));

    public IBatchReader OpenEpoch(Random random)
    {
        var cursorRandom = new Random(random.Next());
        var bufferRandom = new Random(random.Next());
        var cursor = data.CanShuffle ? data.GetRowCursor([column], cursorRandom) : data.GetRowCursor([column]);
        return new Reader(this, cursor, bufferRandom);
    }

    public void Dispose() => Fill?.Dispose();

    private sealed class Reader : IBatchReader
    {
        private readonly StreamingBatches source;
        private readonly DataViewRowCursor cursor;
        private readonly ValueGetter<VBuffer<float>> getter;
        private readonly ValueGetter<DataViewRowId> id;
        private readonly Random random;
        private readonly float[] buffer;
        private readonly float[]? bufferObserved;
        private readonly long[] bufferPositions;
        private float[]? values, batchMask;
        private long[]? positions;
        private VBuffer<float> row;
        private DataViewRowId rowId;
        private int count;
        private long read;
        private bool exhausted;

        public Reader(StreamingBatches source, DataViewRowCursor cursor, Random random)
        {
            this.source = source;
            this.cursor = cursor;
            this.random = random;
            getter = cursor.GetGetter<VBuffer<float>>(source.column);
            id = cursor.GetIdGetter();
            buffer = new float[source.bufferRows * source.FeatureCount];
            bufferObserved = source.fill is null ? null : new float[buffer.Length];
            bufferPositions = new long[source.bufferRows];
        }

        public bool TryRead(int batchSize, [NotNullWhen(true)] out TrainingBatch? batch)
        {
            int features = source.FeatureCount;
            // A batch never holds more rows than the shuffle buffer (nor overflows its array when BatchSize is huge).
            batchSize = Math.Min(batchSize, source.bufferRows);
            // Reused batch after batch: the tensors below copy them.
            if (values?.Length != batchSize * features)
                values = new float[batchSize * features];
            if (positions?.Length != batchSize)
                positions = new long[batchSize];
            var mask = bufferObserved is null ? null : (batchMask?.Length == values.Length ? batchMask : batchMask = new float[values.Length]);
            int taken = 0;
            while (taken < batchSize)
            {
                while (!exhausted && count < source.bufferRows)
                {
                    if (ReadInto(count))
                        count++;
                    else
                        exhausted = true;
                }
                if (count == 0)
                    break;
                // Draw a random buffered row; the last one takes its place, and the next read refills the end.
                int slot = random.Next(count);
                Move(buffer, slot, values, taken, features);
                if (mask is not null)
                    Move(bufferObserved!, slot, mask, taken, features);
                positions[taken] = bufferPositions[slot];
                count--;
                if (slot != count)
                {
                    Move(buffer, count, buffer, slot, features);
                    bufferPositions[slot] = bufferPositions[count];
                    if (bufferObserved is not null)
                        Move(bufferObserved, count, bufferObserved, slot, features);
                }
                taken++;
            }
            if (taken == 0)
            {
                batch = null;
                return false;
            }
            batch = new TrainingBatch(TensorMemory.FromSpan(values, taken, features),
                mask is null ? null : TensorMemory.FromSpan(mask, taken, features), tensor(positions.AsSpan(0, taken).ToArray()));
            return true;
        }

        /// <summary>Reads the next training row into buffer slot <paramref name="slot"/>, filled and scaled; <see langword="false"/> at the end.</summary>
        private bool ReadInto(int slot)
        {
            int features = source.FeatureCount;
            while (cursor.MoveNext())
            {
                if ((read++ & 1023) == 0)
                    source.cancellation.ThrowIfCancellationRequested();
                if (source.validation is { } validation)
                {
                    id(ref rowId);
                    if (validation.Contains(rowId))
                        continue;
                }
                var target = buffer.AsSpan(slot * features, features);
                getter(ref row);
                row.CopyTo(target);
                TrainingMatrix.RejectNonFinite(target, source.column.Name, cursor.Position, allowMissing: source.fill is not null, source.canTreatNaNAsMissing);
                if (source.fill is { } fill)
                {
                    var observed = bufferObserved.AsSpan(slot * features, features);
                    for (int j = 0; j < features; j++)
                    {
                        bool missing = float.IsNaN(target[j]);
                        observed[j] = missing ? 0f : 1f;
                        if (missing)
                            target[j] = fill[j];
                    }
                }
                source.scaler.Apply(target);
                bufferPositions[slot] = cursor.Position;
                return true;
            }
            return false;
        }

        private static void Move(float[] from, int fromRow, float[] to, int toRow, int features) =>
            Array.Copy(from, fromRow * features, to, toRow * features, features);

        public void Dispose() => cursor.Dispose();
    }
}
