using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLNet.Autoencoders.Tests.Persistence;

/// <summary>
/// How <see cref="ScaleByConstantTransformer"/> maps an input schema: every input column passes through and
/// a new Single column with the same name as the source (hiding it) holds source × factor.
/// </summary>
internal sealed class ScaledBinding
{
    private ScaledBinding(DataViewSchema input, DataViewSchema output, int sourceIndex, float factor)
    {
        Input = input;
        Output = output;
        SourceIndex = sourceIndex;
        OutputIndex = input.Count;
        Factor = factor;
    }

    public DataViewSchema Input { get; }
    public DataViewSchema Output { get; }
    public int SourceIndex { get; }
    public int OutputIndex { get; }
    public float Factor { get; }

    public static ScaledBinding Create(DataViewSchema input, string columnName, float factor)
    {
        DataViewSchema.Column source = input.GetColumnOrNull(columnName)
            ?? throw new ArgumentOutOfRangeException(nameof(input), $"Could not find input column '{columnName}'");
        if (source.Type != NumberDataViewType.Single)
            throw new ArgumentOutOfRangeException(nameof(input), $"Schema mismatch for input column '{columnName}': expected Single, got {source.Type}");
        var builder = new DataViewSchema.Builder();
        builder.AddColumns(input);
        builder.AddColumn(columnName, NumberDataViewType.Single);
        return new ScaledBinding(input, builder.ToSchema(), source.Index, factor);
    }

    /// <summary>The input columns needed to compute <paramref name="outputColumns"/>.</summary>
    public IEnumerable<DataViewSchema.Column> InputColumnsFor(IEnumerable<DataViewSchema.Column> outputColumns) =>
        outputColumns.Select(c => Input[c.Index == OutputIndex ? SourceIndex : c.Index]).Distinct();
}
