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
        Appended = new AppendedSchema(input, output, [feature]);
        Feature = feature;
        this.kinds = kinds;
    }

    /// <summary>The input and output schemas, for the shared look-ahead cursor and row mapper.</summary>
    public AppendedSchema Appended { get; }

    public DataViewSchema Output => Appended.Output;

    /// <summary>The input column the network reads.</summary>
    public DataViewSchema.Column Feature { get; }

    /// <summary>The number of columns carried over from the input.</summary>

    public static AutoencoderSchema Create(DataViewSchema input, AutoencoderColumnNames names, Networks.NetworkArchitecture architecture)
    {
        int inputSize = architecture.InputSize, latentDimension = architecture.LatentDimension;
        var feature = InputColumn.Find(input, names.Input, inputSize);
        if (architecture.InputShapeProblem((VectorDataViewType)feature.Type) is { } problem)
            throw new ArgumentOutOfRangeException(nameof(input), $"Schema mismatch for input column '{names.Input}': {problem}.");
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
    /// <summary>The output (one of the *Output constants) that computed column <paramref name="computedIndex"/> holds.</summary>
    public int OutputKind(int computedIndex) => kinds[computedIndex];
}
