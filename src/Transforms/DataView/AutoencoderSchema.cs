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

    private AutoencoderSchema(DataViewSchema input, DataViewSchema output, DataViewSchema.Column feature, DataViewSchema.Column? target, int[] kinds)
    {
        Appended = new AppendedSchema(input, output, target is { } t ? [feature, t] : [feature]);
        Feature = feature;
        Target = target;
        this.kinds = kinds;
    }

    /// <summary>The input and output schemas, for the shared look-ahead cursor and row mapper.</summary>
    public AppendedSchema Appended { get; }

    public DataViewSchema Output => Appended.Output;

    /// <summary>The input column the network reads.</summary>
    public DataViewSchema.Column Feature { get; }

    /// <summary>The paired target column the error compares with, when the model has one and the data holds it; otherwise <see langword="null"/>.</summary>
    public DataViewSchema.Column? Target { get; }

    public static AutoencoderSchema Create(DataViewSchema input, AutoencoderColumnNames names, Networks.NetworkArchitecture architecture)
    {
        int inputSize = architecture.InputSize, latentDimension = architecture.LatentDimension;
        var feature = InputColumn.Find(input, names.Input, inputSize);
        if (architecture.InputShapeProblem((VectorDataViewType)feature.Type) is { } problem)
            throw new ArgumentOutOfRangeException(nameof(input), $"Schema mismatch for input column '{names.Input}': {problem}.");
        var latentType = new VectorDataViewType(NumberDataViewType.Single, latentDimension);
        var inputType = new VectorDataViewType(NumberDataViewType.Single, inputSize);
        // A model with a paired target scores data with or without the target column; when present it must have the target's size.
        var target = names.Target is { } targetName && input.GetColumnOrNull(targetName) is not null
            ? InputColumn.Find(input, targetName, architecture.OutputSize)
            : (DataViewSchema.Column?)null;
        var builder = new DataViewSchema.Builder();
        builder.AddColumns(input);
        builder.AddColumn(names.Latent, latentType);
        if (names.Target is null)
            builder.AddColumn(names.Reconstruction, inputType, feature.Annotations);
        else if (target is { } targetColumn)
            builder.AddColumn(names.Reconstruction, new VectorDataViewType(NumberDataViewType.Single, architecture.OutputSize), targetColumn.Annotations);
        else
            builder.AddColumn(names.Reconstruction, new VectorDataViewType(NumberDataViewType.Single, architecture.OutputSize));
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
        return new AutoencoderSchema(input, builder.ToSchema(), feature, target, kinds.ToArray());
    }

    /// <summary>The output (one of the *Output constants) that computed column <paramref name="computedIndex"/> holds.</summary>
    public int OutputKind(int computedIndex) => kinds[computedIndex];
}
