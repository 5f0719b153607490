using Microsoft.ML;

namespace MLNet.Autoencoders.Transforms.DataView;

/// <summary>
/// The schema of a transform that appends computed columns to its input: <see cref="Output"/> holds every
/// input column (computed columns of the same names hide them), then the computed columns in order.
/// The computed columns are all derived from a fixed set of input columns, the sources.
/// </summary>
internal sealed class AppendedSchema
{
    private readonly int[] sourceIndices;

    /// <param name="input">The input schema.</param>
    /// <param name="output">The input's columns followed by the computed columns.</param>
    /// <param name="sources">The input columns the computed columns are derived from.</param>
    public AppendedSchema(DataViewSchema input, DataViewSchema output, IEnumerable<DataViewSchema.Column> sources)
    {
        if (output.Count < input.Count)
            throw new ArgumentException("The output schema must start with the input's columns.", nameof(output));
        Input = input;
        Output = output;
        sourceIndices = sources.Select(c => c.Index).Distinct().Order().ToArray();
    }

    public DataViewSchema Input { get; }

    public DataViewSchema Output { get; }

    /// <summary>The number of computed columns.</summary>
    public int ComputedCount => Output.Count - Input.Count;

    /// <summary>The 0-based index among the computed columns of output column <paramref name="outputIndex"/>, or -1 for a carried-over column.</summary>
    public int ComputedIndex(int outputIndex) => outputIndex >= Input.Count ? outputIndex - Input.Count : -1;

    /// <summary>Whether any of <paramref name="columns"/> of <see cref="Output"/> is computed.</summary>
    public bool NeedsComputation(IEnumerable<DataViewSchema.Column> columns) => columns.Any(c => ComputedIndex(c.Index) >= 0);

    /// <summary>The input columns needed to produce <paramref name="columns"/> of <see cref="Output"/>.</summary>
    public IEnumerable<DataViewSchema.Column> Dependencies(IEnumerable<DataViewSchema.Column> columns)
    {
        var needed = new HashSet<int>();
        foreach (var column in columns)
        {
            if (ComputedIndex(column.Index) >= 0)
                needed.UnionWith(sourceIndices);
            else
                needed.Add(column.Index);
        }
        return needed.Order().Select(i => Input[i]);
    }
}
