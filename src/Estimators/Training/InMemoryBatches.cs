using static TorchSharp.torch;

namespace MLNet.Autoencoders.Estimators.Training;

/// <summary>Batches drawn from a materialised <see cref="TrainingMatrix"/>: its rows as one tensor, reshuffled every epoch.</summary>
internal sealed class InMemoryBatches : IBatchSource
{
    private readonly Tensor values;
    private readonly Tensor? observed;
    private readonly int[] order;

    public InMemoryBatches(TrainingMatrix training)
    {
        values = training.ToTensor();
        observed = training.ObservedTensor();
        Fill = training.Fill is { } fill ? tensor(fill, [1, training.FeatureCount]) : null;
        order = Enumerable.Range(0, training.RowCount).ToArray();
    }

    public Tensor? Fill { get; }

    public (Tensor Minimum, Tensor Maximum) FeatureRange() => (values.amin(0), values.amax(0));

    public IBatchReader OpenEpoch(Random random)
    {
        random.Shuffle(order);
        return new Reader(this);
    }

    public void Dispose()
    {
        values.Dispose();
        observed?.Dispose();
        Fill?.Dispose();
    }

    private sealed class Reader(InMemoryBatches source) : IBatchReader
    {
        private int next;

        public bool TryRead(int batchSize, out Tensor clean, out Tensor? observed)
        {
            int count = Math.Min(batchSize, source.order.Length - next);
            if (count <= 0)
            {
                (clean, observed) = (null!, null);
                return false;
            }
            var indices = tensor(source.order.AsSpan(next, count).ToArray(), ScalarType.Int64);
            next += count;
            clean = source.values.index_select(0, indices);
            observed = source.observed?.index_select(0, indices);
            return true;
        }

        public void Dispose()
        {
        }
    }
}
