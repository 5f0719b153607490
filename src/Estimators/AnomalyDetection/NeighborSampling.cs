using Microsoft.ML;
using Microsoft.ML.Data;
using MLNet.Autoencoders.Estimators.Training;
using MLNet.Autoencoders.Transforms.AnomalyDetection;
using MLNet.Autoencoders.Transforms.Scoring;

namespace MLNet.Autoencoders.Estimators.AnomalyDetection;

/// <summary>
/// Draws the detector's neighbour samples in one pass over the training data view: when the view has more rows than
/// <see cref="AutoencoderAnomalyOptions.NeighborSampleSize"/>, one seeded sample of that many rows per network (the rows
/// with the smallest seeded hashes of their row ids, so a sample depends only on the seed and the rows, in memory or
/// streamed); otherwise one sample of every row. The rows are kept scaled.
/// </summary>
internal static class NeighborSampling
{
    /// <param name="input">The training data view.</param>
    /// <param name="column">Its feature column.</param>
    /// <param name="scaler">The fitted input scaling.</param>
    /// <param name="rowCount">The rows the training pass read.</param>
    /// <param name="options">The detector's options: <see cref="AutoencoderAnomalyOptions.NumberOfNeighbors"/>,
    /// <see cref="AutoencoderAnomalyOptions.NeighborSampleSize"/> and <see cref="AutoencoderAnomalyOptions.EnsembleSize"/>.</param>
    /// <param name="seed">The fit's seed.</param>
    public static NeighborDistances Draw(IDataView input, DataViewSchema.Column column, FeatureScaler scaler, long rowCount,
        AutoencoderAnomalyOptions options, int seed)
    {
        int featureCount = scaler.FeatureCount;
        bool everyRow = rowCount <= options.NeighborSampleSize;
        int sampleCount = everyRow ? 1 : options.EnsembleSize;
        var seeds = new Random(unchecked(seed ^ 0x4E656967));
        int[] sampleSeeds = Enumerable.Range(0, sampleCount).Select(_ => seeds.Next()).ToArray();
        // Max-heaps on hash: each keeps the smallest-hash rows seen so far, a uniform seeded sample of bounded size.
        var heaps = sampleSeeds.Select(_ => new PriorityQueue<long, ulong>(Comparer<ulong>.Create((a, b) => b.CompareTo(a)))).ToArray();
        // Each kept row's values and how many samples hold it: a row is forgotten when the last sample drops it.
        var kept = new Dictionary<long, (float[] Values, int Holders)>();
        long position = 0;
        using (var cursor = input.GetRowCursor([column]))
        {
            var getter = cursor.GetGetter<VBuffer<float>>(column);
            var id = cursor.GetIdGetter();
            VBuffer<float> buffer = default;
            DataViewRowId rowId = default;
            while (cursor.MoveNext())
            {
                if ((position & 1023) == 0)
                    options.CancellationToken.ThrowIfCancellationRequested();
                id(ref rowId);
                int holders = 0;
                for (int sample = 0; sample < heaps.Length; sample++)
                {
                    var heap = heaps[sample];
                    ulong hash = everyRow ? (ulong)position : ValidationSelection.Hash(sampleSeeds[sample], rowId);
                    if (heap.Count < options.NeighborSampleSize)
                        heap.Enqueue(position, hash);
                    else if (heap.TryPeek(out long dropped, out ulong largest) && hash < largest)
                    {
                        heap.EnqueueDequeue(position, hash);
                        Release(kept, dropped);
                    }
                    else
                        continue;
                    holders++;
                }
                if (holders > 0)
                {
                    getter(ref buffer);
                    var row = new float[featureCount];
                    buffer.CopyTo(row);
                    kept[position] = (row, holders);
                }
                position++;
            }
        }
        if (position == 0)
            throw new InvalidOperationException($"The data view gave no rows when column '{column.Name}' was read for the neighbour samples; cache it first (mlContext.Data.Cache).");

        // The union of the samples, in row order, scaled; each sample as indices into it.
        long[] rows = [.. kept.Keys.Order()];
        var reference = new float[checked(rows.Length * featureCount)];
        var indexOf = new Dictionary<long, int>(rows.Length);
        for (int i = 0; i < rows.Length; i++)
        {
            kept[rows[i]].Values.CopyTo(reference, i * featureCount);
            indexOf[rows[i]] = i;
        }
        scaler.Apply(reference);
        int[][] samples = [.. heaps.Select(heap => heap.UnorderedItems.Select(item => indexOf[item.Element]).Order().ToArray())];
        int neighbors = Math.Min(options.NumberOfNeighbors, samples.Min(s => s.Length));
        return new NeighborDistances(reference, featureCount, samples, neighbors);
    }

    /// <summary>One sample fewer holds <paramref name="row"/>; its values are forgotten when none does.</summary>
    private static void Release(Dictionary<long, (float[] Values, int Holders)> kept, long row)
    {
        var (values, holders) = kept[row];
        if (holders == 1)
            kept.Remove(row);
        else
            kept[row] = (values, holders - 1);
    }
}
