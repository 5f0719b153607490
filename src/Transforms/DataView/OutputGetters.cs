using Microsoft.ML;
using Microsoft.ML.Data;
using MLNet.Autoencoders.Transforms.Scoring;

namespace MLNet.Autoencoders.Transforms.DataView;

/// <summary>
/// Getters for the computed columns over a scored <see cref="AutoencoderBatch"/>. The
/// <c>currentSlot</c> callback says which slot of the scored batch holds the current row.
/// </summary>
internal static class OutputGetters
{
    public static ValueGetter<TValue> Create<TValue>(int outputKind, AutoencoderBatch batch, Func<int> currentSlot)
    {
        Delegate getter = outputKind switch
        {
            AutoencoderSchema.LatentOutput => new ValueGetter<VBuffer<float>>((ref VBuffer<float> value) =>
            {
                Fill(ref value, batch.LatentRow(currentSlot()));
            }),
            AutoencoderSchema.ReconstructionOutput => new ValueGetter<VBuffer<float>>((ref VBuffer<float> value) =>
            {
                Fill(ref value, batch.ReconstructionRow(currentSlot()));
            }),
            AutoencoderSchema.ErrorOutput => new ValueGetter<float>((ref float value) =>
            {
                value = batch.Error[currentSlot()];
            }),
            AutoencoderSchema.LatentLogVarianceOutput => new ValueGetter<VBuffer<float>>((ref VBuffer<float> value) =>
            {
                Fill(ref value, batch.LatentLogVarianceRow(currentSlot()));
            }),
            AutoencoderSchema.ImputedOutput => new ValueGetter<VBuffer<float>>((ref VBuffer<float> value) =>
            {
                Fill(ref value, batch.ImputedRow(currentSlot()));
            }),
            _ => throw new ArgumentOutOfRangeException(nameof(outputKind)),
        };
        return getter as ValueGetter<TValue>
            ?? throw new InvalidOperationException(
                $"Invalid TValue in GetGetter: {typeof(TValue)}; the column holds {(outputKind == AutoencoderSchema.ErrorOutput ? typeof(float) : typeof(VBuffer<float>))}.");
    }

    /// <summary>Copies <paramref name="values"/> into <paramref name="destination"/>, reusing its buffer.</summary>
    internal static void Fill(ref VBuffer<float> destination, ReadOnlySpan<float> values)
    {
        var editor = VBufferEditor.Create(ref destination, values.Length);
        values.CopyTo(editor.Values);
        destination = editor.Commit();
    }
}
