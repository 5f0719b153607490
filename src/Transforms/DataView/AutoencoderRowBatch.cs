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

    public AutoencoderRowBatch(AutoencoderScorer scorer, AutoencoderSchema schema, DataViewRow source, int capacity)
    {
        this.scorer = scorer;
        this.schema = schema;
        batch = scorer.CreateBatch(capacity);
        features = new FeatureReader(source, source.Schema[schema.Feature.Index], scorer.InputSize);
    }

    public int Capacity => batch.Capacity;

    public void Capture(int slot) => features.Read(batch.InputRow(slot));

    public void Compute(int count)
    {
        batch.Count = count;
        scorer.Score(batch);
    }

    public ValueGetter<TValue> GetGetter<TValue>(int computedIndex, Func<int> currentSlot) =>
        OutputGetters.Create<TValue>(schema.OutputKind(computedIndex), batch, currentSlot);

    /// <summary>The factory the shared cursor and row mapper call, for <paramref name="schema"/>.</summary>
    public static RowBatchFactory Factory(AutoencoderScorer scorer, AutoencoderSchema schema) =>
        (source, capacity) => new AutoencoderRowBatch(scorer, schema, source, capacity);
}
