using System.Buffers;
using Microsoft.ML;
using Microsoft.ML.Data;
using MLNet.Autoencoders.Transforms.DataView;

namespace MLNet.Autoencoders.Transforms.Clustering;

/// <summary>
/// A batch of rows going through a <see cref="ClusteringScorer"/>: the feature vectors read from the source, and after
/// <see cref="Compute"/> their latent codes, distances to the centres, cluster ids and, on request, soft assignments.
/// </summary>
internal sealed class ClusteringBatch : IRowBatch
{
    private readonly ClusteringScorer scorer;
    private readonly FeatureReader features;
    private readonly int inputSize, latentSize, clusters;
    private readonly float[] input, latent, distances;
    private readonly uint[] labels;

    // The row-at-a-time path (PredictionEngine) asks for every computed column of a row separately; a one-row batch
    // is recomputed only when its input changed.
    private float[]? lastSingleRow;
    private int count;
    private bool returned;

    public ClusteringBatch(ClusteringScorer scorer, DataViewRow source, DataViewSchema.Column featureColumn, int capacity)
    {
        this.scorer = scorer;
        inputSize = scorer.InputSize;
        latentSize = scorer.LatentDimension;
        clusters = scorer.Centres.Count;
        features = new FeatureReader(source, featureColumn, inputSize);
        Capacity = capacity;
        // Rented: a cursor per Transform would otherwise leave large-object-heap garbage behind each time.
        input = ArrayPool<float>.Shared.Rent(checked(capacity * inputSize));
        latent = ArrayPool<float>.Shared.Rent(checked(capacity * latentSize));
        distances = ArrayPool<float>.Shared.Rent(checked(capacity * clusters));
        labels = ArrayPool<uint>.Shared.Rent(capacity);
    }

    public int Capacity { get; }

    public void Capture(int slot) => features.Read(input.AsSpan(slot * inputSize, inputSize));

    public void Compute(int count)
    {
        var first = input.AsSpan(0, inputSize);
        if (count == 1 && this.count == 1 && lastSingleRow is not null && first.SequenceEqual(lastSingleRow))
            return;
        if (count == 1)
        {
            lastSingleRow ??= new float[inputSize];
            first.CopyTo(lastSingleRow);
        }
        else
        {
            lastSingleRow = null;
        }
        this.count = count;
        // Scoring scales the input in place; the single-row copy above keeps what the source held.
        scorer.Score(input, count, latent, distances, labels);
    }

    public ValueGetter<TValue> GetGetter<TValue>(int computedIndex, Func<int> currentSlot)
    {
        Delegate getter = computedIndex switch
        {
            ClusteringSchema.ScoreOutput => new ValueGetter<VBuffer<float>>((ref VBuffer<float> value) =>
                OutputGetters.Fill(ref value, distances.AsSpan(currentSlot() * clusters, clusters))),
            ClusteringSchema.PredictedLabelOutput => new ValueGetter<uint>((ref uint value) => value = labels[currentSlot()]),
            ClusteringSchema.LatentOutput => new ValueGetter<VBuffer<float>>((ref VBuffer<float> value) =>
                OutputGetters.Fill(ref value, latent.AsSpan(currentSlot() * latentSize, latentSize))),
            ClusteringSchema.SoftAssignmentOutput => new ValueGetter<VBuffer<float>>((ref VBuffer<float> value) =>
            {
                var editor = VBufferEditor.Create(ref value, clusters);
                ClusterCentres.SoftAssignment(distances.AsSpan(currentSlot() * clusters, clusters), editor.Values);
                value = editor.Commit();
            }),
            _ => throw new ArgumentOutOfRangeException(nameof(computedIndex)),
        };
        return getter as ValueGetter<TValue>
            ?? throw new InvalidOperationException($"Invalid TValue in GetGetter: {typeof(TValue)}; the column holds {getter.GetType().GetGenericArguments()[0]}.");
    }

    public void Dispose()
    {
        if (returned)
            return;
        returned = true;
        ArrayPool<float>.Shared.Return(input);
        ArrayPool<float>.Shared.Return(latent);
        ArrayPool<float>.Shared.Return(distances);
        ArrayPool<uint>.Shared.Return(labels);
    }
}
