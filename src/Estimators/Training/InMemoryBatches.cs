using System.Diagnostics.CodeAnalysis;
using static TorchSharp.torch;

namespace MLNet.Autoencoders.Estimators.Training;

/// <summary>
/// Batches gathered from the rows of a materialised <see cref="TrainingMatrix"/> that are listed for training,
/// reshuffled every epoch, without copying the matrix.
/// </summary>
internal sealed class InMemoryBatches : IBatchSource
{
    private readonly TrainingMatrix data;
    private readonly int[] order;
    private readonly bool ownsData;
    private readonly TrainingMatrix? targets;

    /// <param name="data">The scaled rows.</param>
    /// <param name="trainingRows">The indices of the rows to train on; this class shuffles the array in place each epoch.</param>
    /// <param name="ownsData">Whether disposing this source disposes <paramref name="data"/>.</param>
    /// <param name="targets">Every row's scaled paired target, indexed like <paramref name="data"/> (not owned), or <see langword="null"/>.</param>
    public InMemoryBatches(TrainingMatrix data, int[] trainingRows, bool ownsData, TrainingMatrix? targets = null)
    {
        this.data = data;
        this.targets = targets;
        order = trainingRows;
        this.ownsData = ownsData;
        Fill = data.Fill is { } fill ? tensor(fill, [1, data.FeatureCount]) : null;
    }

    public Tensor? Fill { get; }

    /// <remarks>Over every row of the matrix, validation rows included.</remarks>
    public (Tensor Minimum, Tensor Maximum) FeatureRange() => (data.Tensor.amin(0), data.Tensor.amax(0));

    public IBatchReader OpenEpoch(Random random)
    {
        random.Shuffle(order);
        return new Reader(this, tensor(order, ScalarType.Int64).DetachFromDisposeScope());
    }

    public void Dispose()
    {
        Fill?.Dispose();
        if (ownsData)
            data.Dispose();
    }

    /// <summary>Reads an epoch's batches by narrowing one tensor of the epoch's row order, as a hand-written loop over randperm would.</summary>
    private sealed class Reader(InMemoryBatches source, Tensor order) : IBatchReader
    {
        private long next;

        public bool TryRead(int batchSize, [NotNullWhen(true)] out TrainingBatch? batch)
        {
            long count = Math.Min(batchSize, order.shape[0] - next);
            if (count <= 0)
            {
                batch = null;
                return false;
            }
            var indices = order.narrow(0, next, count);
            next += count;
            batch = new TrainingBatch(source.data.Tensor.index_select(0, indices), source.data.Observed?.index_select(0, indices), indices,
                source.targets?.Tensor.index_select(0, indices));
            return true;
        }

        public void Dispose() => order.Dispose();
    }
}
