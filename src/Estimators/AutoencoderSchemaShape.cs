using Microsoft.ML;
using Microsoft.ML.Data;
using MLNet.Autoencoders.Transforms;
using MLNet.Autoencoders.Transforms.Persistence;

namespace MLNet.Autoencoders.Estimators;

/// <summary>The <see cref="IEstimator{TTransformer}.GetOutputSchema"/> of every autoencoder estimator: checks the input column (and a paired target column), adds the three outputs (and the imputed column when NaN is treated as missing).</summary>
internal static class AutoencoderSchemaShape
{
    /// <exception cref="ArgumentOutOfRangeException">The input column is missing or is not a known-size float vector.</exception>
    public static SchemaShape Create(SchemaShape inputSchema, AutoencoderTrainingOptions options)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        var input = RequireFloatVector(inputSchema, options.InputColumnName);
        // With a paired target, the reconstruction is in the target's units and carries the target column's annotations.
        var reconstructed = options.PairedTargetColumnName is { } target ? RequireFloatVector(inputSchema, target) : input;
        var columns = inputSchema.ToDictionary(c => c.Name);
        columns[options.LatentColumnName] = MlNetInternals.CreateColumn(options.LatentColumnName, SchemaShape.Column.VectorKind.Vector, NumberDataViewType.Single, false);
        columns[options.ReconstructionColumnName] = MlNetInternals.CreateColumn(options.ReconstructionColumnName, SchemaShape.Column.VectorKind.Vector, NumberDataViewType.Single, false, reconstructed.Annotations);
        columns[options.ReconstructionErrorColumnName] = MlNetInternals.CreateColumn(options.ReconstructionErrorColumnName, SchemaShape.Column.VectorKind.Scalar, NumberDataViewType.Single, false);
        if (options.TreatNaNAsMissing)
            columns[options.ImputedColumnName] = MlNetInternals.CreateColumn(options.ImputedColumnName, SchemaShape.Column.VectorKind.Vector, NumberDataViewType.Single, false, input.Annotations);
        return MlNetInternals.CreateSchemaShape(columns.Values);
    }

    /// <summary>The column <paramref name="name"/>, which must be a known-size vector of Single, with ML.NET's error wording otherwise.</summary>
    public static SchemaShape.Column RequireFloatVector(SchemaShape inputSchema, string name)
    {
        var found = inputSchema.Where(c => c.Name == name).ToArray();
        if (found.Length == 0)
            throw new ArgumentOutOfRangeException(nameof(inputSchema), $"Could not find input column '{name}'.");
        var column = found[^1];
        if (column.Kind != SchemaShape.Column.VectorKind.Vector || column.ItemType != NumberDataViewType.Single)
        {
            string actual = column.Kind == SchemaShape.Column.VectorKind.Scalar ? $"{column.ItemType}" : $"{column.Kind}<{column.ItemType}>";
            throw new ArgumentOutOfRangeException(nameof(inputSchema),
                $"Schema mismatch for input column '{name}': expected known-size vector of Single, got {actual}." +
                InputColumn.SizeHint(column.Kind == SchemaShape.Column.VectorKind.VariableVector && column.ItemType == NumberDataViewType.Single, name));
        }
        return column;
    }

    /// <summary>The annotations a scored column (Score, PredictedLabel) carries, as ML.NET's scorers describe them in a schema shape.</summary>
    public static SchemaShape ScoreAnnotations() => MlNetInternals.CreateSchemaShape(
    [
        MlNetInternals.CreateColumn("ScoreColumnSetId", SchemaShape.Column.VectorKind.Scalar, NumberDataViewType.UInt32, true),
        MlNetInternals.CreateColumn("ScoreColumnKind", SchemaShape.Column.VectorKind.Scalar, TextDataViewType.Instance, false),
        MlNetInternals.CreateColumn("ScoreValueKind", SchemaShape.Column.VectorKind.Scalar, TextDataViewType.Instance, false),
    ]);
}
