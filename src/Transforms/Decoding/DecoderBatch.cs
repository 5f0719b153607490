using Microsoft.ML;
using Microsoft.ML.Data;
using MLNet.Autoencoders.Transforms.DataView;

namespace MLNet.Autoencoders.Transforms.Decoding;

/// <summary>A batch of latent codes read from the source and, after <see cref="Compute"/>, the vectors they decode to.</summary>
internal sealed class DecoderBatch : IRowBatch
{
    private readonly LatentDecoder decoder;
    private readonly FeatureReader codes;
    private readonly float[] latent;
    private readonly float[] output;

    public DecoderBatch(LatentDecoder decoder, DataViewRow source, DataViewSchema.Column latentColumn, int capacity)
    {
        this.decoder = decoder;
        codes = new FeatureReader(source, latentColumn, decoder.LatentDimension);
        Capacity = capacity;
        latent = new float[checked(capacity * decoder.LatentDimension)];
        output = new float[checked(capacity * decoder.OutputSize)];
    }

    public int Capacity { get; }

    public void Capture(int slot) => codes.Read(latent.AsSpan(slot * decoder.LatentDimension, decoder.LatentDimension));

    public void Compute(int count) => decoder.Decode(latent, count, output);

    public ValueGetter<TValue> GetGetter<TValue>(int computedIndex, Func<int> currentSlot)
    {
        if (computedIndex != 0)
            throw new ArgumentOutOfRangeException(nameof(computedIndex));
        int size = decoder.OutputSize;
        var getter = new ValueGetter<VBuffer<float>>((ref VBuffer<float> value) =>
        {
            var editor = VBufferEditor.Create(ref value, size);
            output.AsSpan(currentSlot() * size, size).CopyTo(editor.Values);
            value = editor.Commit();
        });
        return getter as ValueGetter<TValue>
            ?? throw new InvalidOperationException($"Invalid TValue in GetGetter: {typeof(TValue)}; the column holds {typeof(VBuffer<float>)}.");
    }
}
