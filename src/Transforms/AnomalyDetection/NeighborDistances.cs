using System.Buffers;
using System.Numerics;

namespace MLNet.Autoencoders.Transforms.AnomalyDetection;

/// <summary>
/// The detector's second view of a row: how far it lies from the training rows. For each of several samples of the
/// training rows (in the scaled space), the squared Euclidean distance from the row to its k-th nearest sampled row;
/// the distance of a row is the mean of those over the samples, divided by the feature count, so that it reads in the
/// units of a mean squared reconstruction error. A training row that is in a sample counts itself, at distance 0.
/// </summary>
/// <remarks>
/// Reconstruction error flags rows that lie off the shape the networks learned; this flags rows that lie on it, or near
/// it, but where few training rows are (Aggarwal and Sathe, "Theoretical foundations and algorithms for outlier
/// ensembles", 2015: distances to bounded random samples, averaged over samples, rank outliers better than one k-NN over
/// all rows, and bound the model's size and the scoring cost). Computed in managed code, one row at a time, in a fixed
/// order of operations: a row's distance does not depend on the rows scored with it, so a batch, a cursor on another
/// thread and a <c>PredictionEngine</c> agree to the bit. Immutable, so copies of a detector share it.
/// </remarks>
internal sealed class NeighborDistances
{
    private readonly float[] reference;
    private readonly int[][] samples;

    /// <param name="reference">The sampled rows, row-major, in the scaled space; every sample indexes into them.</param>
    /// <param name="featureCount">Values per row.</param>
    /// <param name="samples">Each sample's rows, as indices into <paramref name="reference"/>.</param>
    /// <param name="neighborCount">k: which nearest sampled row's distance counts, at most the smallest sample's size.</param>
    public NeighborDistances(float[] reference, int featureCount, int[][] samples, int neighborCount)
    {
        if (featureCount <= 0 || reference.Length == 0 || reference.Length % featureCount != 0)
            throw new ArgumentException($"The reference rows hold {reference.Length} values, which is not a positive multiple of the {featureCount} features.", nameof(reference));
        int rowCount = reference.Length / featureCount;
        if (samples.Length == 0)
            throw new ArgumentException("At least one sample of reference rows is needed.", nameof(samples));
        foreach (var sample in samples)
            if (sample.Length == 0 || sample.Any(i => i < 0 || i >= rowCount))
                throw new ArgumentException($"A sample is empty or indexes outside the {rowCount} reference rows.", nameof(samples));
        int smallest = samples.Min(s => s.Length);
        if (neighborCount < 1 || neighborCount > smallest)
            throw new ArgumentOutOfRangeException(nameof(neighborCount), neighborCount, $"The neighbour count must be in [1, {smallest}], the smallest sample's size. Got {neighborCount}.");
        this.reference = reference;
        this.samples = samples;
        FeatureCount = featureCount;
        NeighborCount = neighborCount;
    }

    /// <summary>k: the distance to the k-th nearest row of each sample counts.</summary>
    public int NeighborCount { get; }

    public int FeatureCount { get; }

    /// <summary>The number of samples whose distances are averaged.</summary>
    public int SampleCount => samples.Length;

    /// <summary>The sampled rows, row-major, in the scaled space (read by the ONNX exporter).</summary>
    public ReadOnlySpan<float> Reference => reference;

    /// <summary>Each sample's rows, as indices into <see cref="Reference"/> (read by the ONNX exporter).</summary>
    public IReadOnlyList<int[]> Samples => samples;

    /// <summary>The distinct rows the samples hold.</summary>
    public int ReferenceRowCount => reference.Length / FeatureCount;

    /// <summary>
    /// Writes, for each of <paramref name="rows"/> rows of <paramref name="scaled"/> (row-major, already scaled), the mean
    /// over samples of the squared distance to the k-th nearest sampled row, divided by the feature count. A row holding
    /// NaN gets NaN. Rows are spread over the cores; each row's value is computed the same way wherever it runs.
    /// </summary>
    public void Compute(ReadOnlySpan<float> scaled, int rows, Span<float> distances)
    {
        if (rows == 1)
        {
            // A PredictionEngine scores row by row: borrow the buffer rather than allocate one per row.
            var buffer = ArrayPool<float>.Shared.Rent(ReferenceRowCount);
            distances[0] = RowDistance(scaled[..FeatureCount], buffer);
            ArrayPool<float>.Shared.Return(buffer);
            return;
        }
        var input = scaled[..(rows * FeatureCount)].ToArray();
        var result = new float[rows];
        Parallel.For(0, rows, () => new float[ReferenceRowCount],
            (row, _, buffer) =>
            {
                result[row] = RowDistance(input.AsSpan(row * FeatureCount, FeatureCount), buffer);
                return buffer;
            },
            _ => { });
        result.CopyTo(distances);
    }

    private float RowDistance(ReadOnlySpan<float> row, float[] squared)
    {
        foreach (float value in row)
            if (float.IsNaN(value))
                return float.NaN;
        for (int i = 0; i < ReferenceRowCount; i++)
            squared[i] = SquaredDistance(row, reference.AsSpan(i * FeatureCount, FeatureCount));
        Span<float> nearest = stackalloc float[NeighborCount];
        double total = 0;
        foreach (var sample in samples)
            total += KthSmallest(squared, sample, nearest);
        return (float)(total / (samples.Length * (double)FeatureCount));
    }

    /// <summary>The sum of squared differences, in a fixed order: vector lanes, then their sum, then the remainder.</summary>
    private static float SquaredDistance(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        int i = 0;
        var sum = Vector<float>.Zero;
        for (; i <= a.Length - Vector<float>.Count; i += Vector<float>.Count)
        {
            var difference = new Vector<float>(a[i..]) - new Vector<float>(b[i..]);
            sum += difference * difference;
        }
        float total = Vector.Sum(sum);
        for (; i < a.Length; i++)
        {
            float difference = a[i] - b[i];
            total += difference * difference;
        }
        return total;
    }

    /// <summary>The k-th smallest of <paramref name="values"/> at <paramref name="indices"/> (k = <paramref name="nearest"/>'s length), kept sorted by insertion.</summary>
    private static float KthSmallest(float[] values, int[] indices, Span<float> nearest)
    {
        int k = nearest.Length, filled = 0;
        foreach (int index in indices)
        {
            float value = values[index];
            if (filled == k && value >= nearest[k - 1])
                continue;
            int position = filled < k ? filled++ : k - 1;
            while (position > 0 && nearest[position - 1] > value)
            {
                nearest[position] = nearest[position - 1];
                position--;
            }
            nearest[position] = value;
        }
        return nearest[k - 1];
    }

    public void Write(BinaryWriter writer)
    {
        writer.Write(NeighborCount);
        writer.Write(ReferenceRowCount);
        foreach (float value in reference)
            writer.Write(value);
        writer.Write(samples.Length);
        foreach (var sample in samples)
        {
            writer.Write(sample.Length);
            foreach (int index in sample)
                writer.Write(index);
        }
    }

    /// <summary>Reads what <see cref="Write"/> wrote, for rows of <paramref name="featureCount"/> features.</summary>
    /// <exception cref="InvalidDataException">The stored counts are out of range.</exception>
    public static NeighborDistances Read(BinaryReader reader, int featureCount)
    {
        int neighborCount = reader.ReadInt32();
        int rowCount = reader.ReadInt32();
        if (rowCount <= 0 || (long)rowCount * featureCount > Array.MaxLength)
            throw new InvalidDataException($"The model declares {rowCount} neighbour reference rows of {featureCount} features; expected a positive count that fits in memory.");
        var reference = new float[rowCount * featureCount];
        for (int i = 0; i < reference.Length; i++)
            reference[i] = reader.ReadSingle();
        int sampleCount = reader.ReadInt32();
        if (sampleCount is <= 0 or > AutoencoderAnomalyTransformer.MaxEnsembleSize)
            throw new InvalidDataException($"The model declares {sampleCount} neighbour samples; expected 1 to {AutoencoderAnomalyTransformer.MaxEnsembleSize}.");
        var samples = new int[sampleCount][];
        for (int s = 0; s < sampleCount; s++)
        {
            int length = reader.ReadInt32();
            if (length <= 0 || length > rowCount)
                throw new InvalidDataException($"The model declares a neighbour sample of {length} rows; expected 1 to {rowCount}.");
            samples[s] = new int[length];
            for (int i = 0; i < length; i++)
                samples[s][i] = reader.ReadInt32();
        }
        try
        {
            return new NeighborDistances(reference, featureCount, samples, neighborCount);
        }
        catch (ArgumentException e)
        {
            throw new InvalidDataException($"The model's neighbour samples are invalid: {e.Message}", e);
        }
    }
}
