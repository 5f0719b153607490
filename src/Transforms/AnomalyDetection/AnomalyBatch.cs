using Microsoft.ML;
using Microsoft.ML.Data;
using MLNet.Autoencoders.Transforms.DataView;

namespace MLNet.Autoencoders.Transforms.AnomalyDetection;

/// <summary>
/// A batch of rows going through an <see cref="AnomalyScorer"/>: the feature vectors read from the
/// source, and after <see cref="Compute"/> their per-feature errors, scores and threshold decisions.
/// </summary>
internal sealed class AnomalyBatch : IRowBatch
{
    private readonly AnomalyScorer scorer;
    private readonly float threshold;
    private readonly FeatureReader features;
    private readonly int size;
    private readonly float[] input;
    private readonly float[] errors;
    private readonly float[] scores;

    public AnomalyBatch(AnomalyScorer scorer, float threshold, DataViewRow source, DataViewSchema.Column featureColumn, int capacity)
    {
        this.scorer = scorer;
        this.threshold = threshold;
        size = scorer.InputSize;
        features = new FeatureReader(source, featureColumn, size);
        Capacity = capacity;
        input = new float[checked(capacity * size)];
        errors = new float[checked(capacity * size)];
        scores = new float[capacity];
    }

    public int Capacity { get; }

    public void Capture(int slot) => features.Read(input.AsSpan(slot * size, size));

    public void Compute(int count) => scorer.Score(input, count, errors, scores);

    public ValueGetter<TValue> GetGetter<TValue>(int computedIndex, Func<int> currentSlot)
    {
        Delegate getter = computedIndex switch
        {
            AnomalySchema.ScoreOutput => new ValueGetter<float>((ref float value) => value = scores[currentSlot()]),
            // NaN > threshold is false: a row that cannot be scored is not flagged.
            AnomalySchema.PredictedLabelOutput => new ValueGetter<bool>((ref bool value) => value = scores[currentSlot()] > threshold),
            AnomalySchema.FeatureErrorsOutput => new ValueGetter<VBuffer<float>>((ref VBuffer<float> value) =>
            {
                var editor = VBufferEditor.Create(ref value, size);
                errors.AsSpan(currentSlot() * size, size).CopyTo(editor.Values);
                value = editor.Commit();
            }),
            _ => throw new ArgumentOutOfRangeException(nameof(computedIndex)),
        };
        return getter as ValueGetter<TValue>
            ?? throw new InvalidOperationException($"Invalid TValue in GetGetter: {typeof(TValue)}; the column holds {getter.GetType().GetGenericArguments()[0]}.");
    }
}
