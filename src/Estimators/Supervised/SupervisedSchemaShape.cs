using Microsoft.ML;
using Microsoft.ML.Data;
using MLNet.Autoencoders.Transforms;
using MLNet.Autoencoders.Transforms.Persistence;

namespace MLNet.Autoencoders.Estimators;

/// <summary>
/// The input checks and output columns of <see cref="AutoencoderMulticlassTrainer"/>, for a schema shape
/// (<c>GetOutputSchema</c>) and for a data view's schema (<c>Fit</c>), with the same messages.
/// </summary>
internal static class SupervisedSchemaShape
{
    /// <exception cref="ArgumentOutOfRangeException">The feature, label or an auxiliary target column is missing or of the wrong type.</exception>
    public static SchemaShape Create(SchemaShape inputSchema, AutoencoderMulticlassOptions options)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        var features = AutoencoderSchemaShape.RequireFloatVector(inputSchema, options.InputColumnName);
        var label = Find(inputSchema, options.LabelColumnName, "label");
        if (!label.IsKey)
            throw new ArgumentOutOfRangeException(nameof(inputSchema),
                $"Schema mismatch for label column '{label.Name}': expected a key type, got {label.ItemType}. " +
                $"Convert it with mlContext.Transforms.Conversion.MapValueToKey(\"{label.Name}\"); an empty string (or NaN) becomes the missing key 0, which marks an unlabelled row.");
        var columns = inputSchema.ToDictionary(c => c.Name);
        Add(columns, options.ScoreColumnName, SchemaShape.Column.VectorKind.Vector, NumberDataViewType.Single, false);
        Add(columns, options.PredictedLabelColumnName, SchemaShape.Column.VectorKind.Scalar, NumberDataViewType.UInt32, true);
        Add(columns, options.LatentColumnName, SchemaShape.Column.VectorKind.Vector, NumberDataViewType.Single, false);
        columns[options.ReconstructionColumnName] = MlNetInternals.CreateColumn(options.ReconstructionColumnName, SchemaShape.Column.VectorKind.Vector, NumberDataViewType.Single, false, features.Annotations);
        Add(columns, options.ReconstructionErrorColumnName, SchemaShape.Column.VectorKind.Scalar, NumberDataViewType.Single, false);
        foreach (var target in options.AuxiliaryTargets)
        {
            var column = Find(inputSchema, target.ColumnName, "auxiliary target");
            if (column.IsKey)
            {
                Add(columns, target.ScoreColumn, SchemaShape.Column.VectorKind.Vector, NumberDataViewType.Single, false);
                Add(columns, target.PredictedLabelColumn, SchemaShape.Column.VectorKind.Scalar, NumberDataViewType.UInt32, true);
            }
            else if (column.Kind == SchemaShape.Column.VectorKind.Scalar && column.ItemType == NumberDataViewType.Single)
            {
                Add(columns, target.ScoreColumn, SchemaShape.Column.VectorKind.Scalar, NumberDataViewType.Single, false);
            }
            else
            {
                throw new ArgumentOutOfRangeException(nameof(inputSchema), $"Schema mismatch for auxiliary target column '{column.Name}': expected a key or Single, got {column.ItemType}.");
            }
        }
        return MlNetInternals.CreateSchemaShape(columns.Values);
    }

    /// <summary>The feature, label and auxiliary target columns of <paramref name="schema"/>, checked.</summary>
    public static (DataViewSchema.Column Feature, DataViewSchema.Column Label, IReadOnlyList<DataViewSchema.Column> Auxiliaries) Columns(
        DataViewSchema schema, AutoencoderMulticlassOptions options)
    {
        var feature = InputColumn.Find(schema, options.InputColumnName);
        var label = TargetColumns.RequireKey(schema, options.LabelColumnName, "label");
        var auxiliaries = options.AuxiliaryTargets.Select(t => TargetColumns.RequireTarget(schema, t.ColumnName)).ToArray();
        return (feature, label, auxiliaries);
    }

    private static SchemaShape.Column Find(SchemaShape schema, string name, string role) =>
        schema.LastOrDefault(c => c.Name == name) is { Name: not null } column
            ? column
            : throw new ArgumentOutOfRangeException(nameof(schema), $"Could not find {role} column '{name}'.");

    private static void Add(Dictionary<string, SchemaShape.Column> columns, string name, SchemaShape.Column.VectorKind kind, DataViewType type, bool isKey) =>
        columns[name] = MlNetInternals.CreateColumn(name, kind, type, isKey);
}
