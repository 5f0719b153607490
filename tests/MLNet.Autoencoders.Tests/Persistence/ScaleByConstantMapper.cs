using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLNet.Autoencoders.Tests.Persistence;

/// <summary>The row-to-row mapper of <see cref="ScaleByConstantTransformer"/>, as prediction engines use it.</summary>
internal sealed class ScaleByConstantMapper : IRowToRowMapper
{
    private readonly ScaledBinding binding;

    public ScaleByConstantMapper(ScaledBinding binding) => this.binding = binding;

    public DataViewSchema InputSchema => binding.Input;
    public DataViewSchema OutputSchema => binding.Output;

    public IEnumerable<DataViewSchema.Column> GetDependencies(IEnumerable<DataViewSchema.Column> dependingColumns) =>
        binding.InputColumnsFor(dependingColumns);

    public DataViewRow GetRow(DataViewRow input, IEnumerable<DataViewSchema.Column> activeColumns) => new ScaledRow(input, binding);
}
