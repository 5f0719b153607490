using Microsoft.ML;
using Microsoft.ML.Data;
using MLNet.Autoencoders.Transforms.DataView;

namespace MLNet.Autoencoders.Transforms.Supervised;

/// <summary>
/// A supervised autoencoder's part of a look-ahead cursor or a single-row mapper: captures each row's features,
/// scores the batch in one pass through the network and the heads, and hands out the computed columns.
/// </summary>
internal sealed class SupervisedRowBatch : IRowBatch
{
    private readonly SupervisedScorer scorer;
    private readonly SupervisedSchema schema;
    private readonly SupervisedBatch batch;
    private readonly FeatureReader features;

    public SupervisedRowBatch(SupervisedScorer scorer, SupervisedSchema schema, DataViewRow source, int capacity)
    {
        this.scorer = scorer;
        this.schema = schema;
        batch = scorer.CreateBatch(capacity);
        features = new FeatureReader(source, source.Schema[schema.Feature.Index], scorer.InputSize);
    }

    public int Capacity => batch.Autoencoder.Capacity;

    public void Capture(int slot) => features.Read(batch.Autoencoder.InputRow(slot));

    public void Compute(int count)
    {
        batch.Autoencoder.Count = count;
        scorer.Score(batch);
    }

    public void Dispose() => batch.Dispose();

    public ValueGetter<TValue> GetGetter<TValue>(int computedIndex, Func<int> currentSlot)
    {
        var output = schema.Output(computedIndex);
        var rows = batch.Autoencoder;
        Delegate getter = output.Kind switch
        {
            SupervisedOutputKind.Score => Vector(slot => batch.ProbabilityRow(slot), currentSlot),
            SupervisedOutputKind.PredictedLabel => new ValueGetter<uint>((ref uint value) => value = SupervisedBatch.PredictedKey(batch.ProbabilityRow(currentSlot()))),
            SupervisedOutputKind.Latent => Vector(slot => rows.LatentRow(slot), currentSlot),
            SupervisedOutputKind.Reconstruction => Vector(slot => rows.ReconstructionRow(slot), currentSlot),
            SupervisedOutputKind.ReconstructionError => new ValueGetter<float>((ref float value) => value = rows.Error[currentSlot()]),
            SupervisedOutputKind.AuxiliaryValue => new ValueGetter<float>((ref float value) => value = batch.AuxiliaryRow(output.Auxiliary, currentSlot())[0]),
            SupervisedOutputKind.AuxiliaryScore => Vector(slot => batch.AuxiliaryRow(output.Auxiliary, slot), currentSlot),
            SupervisedOutputKind.AuxiliaryPredictedLabel => new ValueGetter<uint>((ref uint value) =>
                value = SupervisedBatch.PredictedKey(batch.AuxiliaryRow(output.Auxiliary, currentSlot()))),
            _ => throw new ArgumentOutOfRangeException(nameof(computedIndex)),
        };
        return getter as ValueGetter<TValue>
            ?? throw new InvalidOperationException($"Invalid TValue in GetGetter: {typeof(TValue)}; the column holds {getter.GetType().GetGenericArguments()[0]}.");
    }

    private delegate ReadOnlySpan<float> RowOf(int slot);

    private static ValueGetter<VBuffer<float>> Vector(RowOf row, Func<int> currentSlot) => (ref VBuffer<float> value) =>
    {
        var values = row(currentSlot());
        var editor = VBufferEditor.Create(ref value, values.Length);
        values.CopyTo(editor.Values);
        value = editor.Commit();
    };

    /// <summary>The factory the shared cursor and row mapper call, for <paramref name="schema"/>.</summary>
    public static RowBatchFactory Factory(SupervisedScorer scorer, SupervisedSchema schema) =>
        (source, capacity) => new SupervisedRowBatch(scorer, schema, source, capacity);
}
