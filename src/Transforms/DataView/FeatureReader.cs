using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLNet.Autoencoders.Transforms.DataView;

/// <summary>Reads the feature vector of the current row, sparse or dense, into a dense span.</summary>
internal sealed class FeatureReader
{
    private readonly ValueGetter<VBuffer<float>> getter;
    private readonly string columnName;
    private readonly int size;
    private VBuffer<float> buffer;

    public FeatureReader(DataViewRow row, DataViewSchema.Column column, int size)
    {
        getter = row.GetGetter<VBuffer<float>>(column);
        columnName = column.Name;
        this.size = size;
    }

    public void Read(Span<float> destination)
    {
        getter(ref buffer);
        if (buffer.Length != size)
            throw new InvalidOperationException(
                $"Column '{columnName}' holds a vector of {buffer.Length} values on this row; the model expects {size}.");
        buffer.CopyTo(destination);
    }
}
