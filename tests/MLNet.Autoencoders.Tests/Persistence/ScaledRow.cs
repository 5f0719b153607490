using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLNet.Autoencoders.Tests.Persistence;

/// <summary>
/// An input row (or cursor) seen through a <see cref="ScaledBinding"/>. It is a cursor so that one type serves
/// both <see cref="ScaledDataView"/> and <see cref="ScaleByConstantMapper"/>; a mapped row cannot move.
/// </summary>
internal sealed class ScaledRow : DataViewRowCursor
{
    private readonly DataViewRow input;
    private readonly ScaledBinding binding;

    public ScaledRow(DataViewRow input, ScaledBinding binding)
    {
        this.input = input;
        this.binding = binding;
    }

    public override DataViewSchema Schema => binding.Output;
    public override long Position => input.Position;
    public override long Batch => input.Batch;

    public override bool MoveNext() =>
        input is DataViewRowCursor cursor ? cursor.MoveNext() : throw new NotSupportedException("A mapped row cannot move.");

    public override ValueGetter<DataViewRowId> GetIdGetter() => input.GetIdGetter();

    public override bool IsColumnActive(DataViewSchema.Column column) =>
        input.IsColumnActive(input.Schema[column.Index == binding.OutputIndex ? binding.SourceIndex : column.Index]);

    public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
    {
        if (column.Index != binding.OutputIndex)
            return input.GetGetter<TValue>(input.Schema[column.Index]);
        if (typeof(TValue) != typeof(float))
            throw new InvalidOperationException($"Column '{column.Name}' is Single, not {typeof(TValue).Name}.");
        ValueGetter<float> source = input.GetGetter<float>(input.Schema[binding.SourceIndex]);
        float factor = binding.Factor;
        ValueGetter<float> scaled = (ref float value) =>
        {
            source(ref value);
            value *= factor;
        };
        return (ValueGetter<TValue>)(Delegate)scaled;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && input is DataViewRowCursor cursor)
            cursor.Dispose();
        base.Dispose(disposing);
    }
}
