using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLNet.Autoencoders.Transforms.DataView;

/// <summary>
/// The output schema of an autoencoder transformer: every input column, then the latent, reconstruction
/// and reconstruction-error columns, then the optional latent log-variance and imputed columns (computed
/// columns hide input columns of the same names).
/// </summary>
internal sealed class AutoencoderSchema
{
    public const int LatentOutput = 0;
    public const int ReconstructionOutput = 1;
    public const int ErrorOutput = 2;
    public const int LatentLogVarianceOutput = 3;
    public const int ImputedOutput = 4;

    // The output kind of each computed column, in the order the columns were added.
    private readonly int[] kinds;

    private AutoencoderSchema(DataViewSchema input, DataViewSchema output, DataViewSchema.Column feature, int[] kinds)
    {
        Input = input;
        Output = output;
        Feature = feature;
        this.kinds = kinds;
    }

    public DataViewSchema Input { get; }

    public DataViewSchema Output { get; }

    /// <summary>The input column the network reads.</summary>
    public DataViewSchema.Column Feature { get; }

    /// <summary>The number of columns carried over from the input.</summary>
    public int InputColumnCount => Input.Count;

    public static AutoencoderSchema Create(DataViewSchema input, AutoencoderColumnNames names, int inputSize, int latentDimension)
    {
        var feature = InputColumn.Find(input, names.Input, inputSize);
        var latentType = new VectorDataViewType(NumberDataViewType.Single, latentDimension);
        var inputType = new VectorDataViewType(NumberDataViewType.Single, inputSize);
        var builder = new DataViewSchema.Builder();
        builder.AddColumns(input);
        builder.AddColumn(names.Latent, latentType);
        builder.AddColumn(names.Reconstruction, inputType, feature.Annotations);
        builder.AddColumn(names.ReconstructionError, NumberDataViewType.Single);
        var kinds = new List<int> { LatentOutput, ReconstructionOutput, ErrorOutput };
        if (names.LatentLogVariance is { } logVariance)
        {
            builder.AddColumn(logVariance, latentType);
            kinds.Add(LatentLogVarianceOutput);
        }
        if (names.Imputed is { } imputed)
        {
            builder.AddColumn(imputed, inputType, feature.Annotations);
            kinds.Add(ImputedOutput);
        }
        return new AutoencoderSchema(input, builder.ToSchema(), feature, kinds.ToArray());
    }

    /// <summary>
    /// The output (<see cref="LatentOutput"/>, <see cref="ReconstructionOutput"/>, ...) a column index of <see cref="Output"/>
    /// names, or -1 for a carried-over column.
    /// </summary>
    public int OutputKind(int columnIndex) => columnIndex >= Input.Count ? kinds[columnIndex - Input.Count] : -1;

    /// <summary>Whether any of <paramref name="columns"/> is a computed column.</summary>
    public bool NeedsNetwork(IEnumerable<DataViewSchema.Column> columns) => columns.Any(c => OutputKind(c.Index) >= 0);

    /// <summary>The input columns needed to produce <paramref name="columns"/> of the output schema.</summary>
    public IEnumerable<DataViewSchema.Column> Dependencies(IEnumerable<DataViewSchema.Column> columns)
    {
        var needed = new HashSet<int>();
        foreach (var column in columns)
            needed.Add(OutputKind(column.Index) >= 0 ? Feature.Index : column.Index);
        return needed.Order().Select(i => Input[i]);
    }
}
