using Microsoft.ML;
using Microsoft.ML.Data;
using MLNet.Autoencoders.Transforms.Persistence;

namespace MLNet.Autoencoders.Tests.TestData;

/// <summary>Builds the <see cref="SchemaShape"/> of a data view's schema (ML.NET's own SchemaShape.Create is internal).</summary>
public static class SchemaShapes
{
    public static SchemaShape Of(DataViewSchema schema) => MlNetInternals.CreateSchemaShape(schema.Select(column => column.Type switch
    {
        VectorDataViewType vector => MlNetInternals.CreateColumn(column.Name,
            vector.IsKnownSize ? SchemaShape.Column.VectorKind.Vector : SchemaShape.Column.VectorKind.VariableVector,
            vector.ItemType, vector.ItemType is KeyDataViewType),
        var type => MlNetInternals.CreateColumn(column.Name, SchemaShape.Column.VectorKind.Scalar, type, type is KeyDataViewType),
    }));

    public static SchemaShape.Column? Find(SchemaShape shape, string name) => shape.LastOrDefault(c => c.Name == name) is { Name: not null } c ? c : null;
}
