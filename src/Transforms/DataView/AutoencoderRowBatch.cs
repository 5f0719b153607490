using Microsoft.ML;
using MLNet.Autoencoders.Transforms.Scoring;

namespace MLNet.Autoencoders.Transforms.DataView;

/// <summary>
/// The autoencoder's part of a look-ahead cursor: captures each row's features into an
/// <see cref="AutoencoderBatch"/>, scores the batch in one forward pass and hands out its computed columns.
/// </summary>
internal sealed class AutoencoderRowBatch : IRowBatch
{
    private readonly AutoencoderScorer scorer;
    private readonly AutoencoderSchema schema;
    private readonly AutoencoderBatch batch;
    private readonly FeatureReader features;
    private readonly FeatureReader? targets;

    // The row-at-a-time path (PredictionEngine) asks for every computed column of a row separately and cannot
    // always tell rows apart by position; a one-row batch is therefore recomputed only when its input changed.
    private float[]? lastSingleRow;
    private float[]? lastSingleTarget;

    public AutoencoderRowBatch(AutoencoderScorer scorer, AutoencoderSchema schema, DataViewRow source, int capacity)
    {
        this.scorer = scorer;
        this.schema = schema;
        batch = scorer.CreateBatch(capacity);
        features = new FeatureReader(source, source.Schema[schema.Feature.Index], scorer.InputSize);
        if (schema.Target is { } target)
            targets = new FeatureReader(source, source.Schema[target.Index], scorer.OutputSize);
        batch.TargetAvailable = targets is not null;
    }

    public int Capacity => batch.Capacity;

    public void Capture(int slot)
    {
        features.Read(batch.InputRow(slot));
        targets?.Read(batch.TargetRow(slot));
    }

    public void Compute(int count)
    {
        if (count == 1 && lastSingleRow is not null && batch.Count == 1 && batch.InputRow(0).SequenceEqual(lastSingleRow)
            && (targets is null || batch.TargetRow(0).SequenceEqual(lastSingleTarget)))
            return;
        batch.Count = count;
        scorer.Score(batch);
        if (count == 1)
        {
            lastSingleRow ??= new float[scorer.InputSize];
            batch.InputRow(0).CopyTo(lastSingleRow);
            if (targets is not null)
            {
                lastSingleTarget ??= new float[scorer.OutputSize];
                batch.TargetRow(0).CopyTo(lastSingleTarget);
            }
        }
        else
        {
            lastSingleRow = null;
        }
    }

    public void Dispose() => batch.Dispose();

    public ValueGetter<TValue> GetGetter<TValue>(int computedIndex, Func<int> currentSlot) =>
        OutputGetters.Create<TValue>(schema.OutputKind(computedIndex), batch, currentSlot);

    /// <summary>The factory the shared cursor and row mapper call, for <paramref name="schema"/>.</summary>
    public static RowBatchFactory Factory(AutoencoderScorer scorer, AutoencoderSchema schema) =>
        (source, capacity) => new AutoencoderRowBatch(scorer, schema, source, capacity);
}
