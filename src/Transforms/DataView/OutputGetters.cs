using Microsoft.ML;
using Microsoft.ML.Data;
using MLNet.Autoencoders.Transforms.Scoring;

namespace MLNet.Autoencoders.Transforms.DataView;

/// <summary>
/// Getters for the computed columns over a scored <see cref="AutoencoderBatch"/>. The
/// <c>current</c> callback makes sure the row's batch is scored and says which slot holds the row.
/// </summary>
internal static class OutputGetters
{
    public delegate int CurrentSlot(out AutoencoderBatch batch);

    public static ValueGetter<TValue> Create<TValue>(int outputKind, CurrentSlot current)
    {
        Delegate getter = outputKind switch
        {
            AutoencoderSchema.LatentOutput => new ValueGetter<VBuffer<float>>((ref VBuffer<float> value) =>
            {
                int slot = current(out var batch);
                Fill(ref value, batch.LatentRow(slot));
            }),
            AutoencoderSchema.ReconstructionOutput => new ValueGetter<VBuffer<float>>((ref VBuffer<float> value) =>
            {
                int slot = current(out var batch);
                Fill(ref value, batch.ReconstructionRow(slot));
            }),
            AutoencoderSchema.ErrorOutput => new ValueGetter<float>((ref float value) =>
            {
                int slot = current(out var batch);
                value = batch.Error[slot];
            }),
            AutoencoderSchema.LatentLogVarianceOutput => new ValueGetter<VBuffer<float>>((ref VBuffer<float> value) =>
            {
                int slot = current(out var batch);
                Fill(ref value, batch.LatentLogVarianceRow(slot));
            }),
            AutoencoderSchema.ImputedOutput => new ValueGetter<VBuffer<float>>((ref VBuffer<float> value) =>
            {
                int slot = current(out var batch);
                Fill(ref value, batch.ImputedRow(slot));
            }),
            _ => throw new ArgumentOutOfRangeException(nameof(outputKind)),
        };
        return getter as ValueGetter<TValue>
            ?? throw new InvalidOperationException(
                $"Invalid TValue in GetGetter: {typeof(TValue)}; the column holds {(outputKind == AutoencoderSchema.ErrorOutput ? typeof(float) : typeof(VBuffer<float>))}.");
    }

    private static void Fill(ref VBuffer<float> destination, ReadOnlySpan<float> values)
    {
        var editor = VBufferEditor.Create(ref destination, values.Length);
        values.CopyTo(editor.Values);
        destination = editor.Commit();
    }
}
