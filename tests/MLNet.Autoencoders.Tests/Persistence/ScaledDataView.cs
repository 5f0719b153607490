using Microsoft.ML;

namespace MLNet.Autoencoders.Tests.Persistence;

/// <summary>The lazily computed output of <see cref="ScaleByConstantTransformer.Transform"/>.</summary>
internal sealed class ScaledDataView : IDataView
{
    private readonly IDataView input;
    private readonly ScaledBinding binding;

    public ScaledDataView(IDataView input, ScaledBinding binding)
    {
        this.input = input;
        this.binding = binding;
    }

    public bool CanShuffle => input.CanShuffle;
    public DataViewSchema Schema => binding.Output;
    public long? GetRowCount() => input.GetRowCount();

    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null) =>
        new ScaledRow(input.GetRowCursor(binding.InputColumnsFor(columnsNeeded), rand), binding);

    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null) =>
        [GetRowCursor(columnsNeeded, rand)];
}
