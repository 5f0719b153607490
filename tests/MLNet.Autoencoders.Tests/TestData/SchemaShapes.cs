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
            ItemType(vector.ItemType), vector.ItemType is KeyDataViewType),
        var type => MlNetInternals.CreateColumn(column.Name, SchemaShape.Column.VectorKind.Scalar, ItemType(type), type is KeyDataViewType),
    }));

    /// <summary>A schema shape describes a key column by its raw number type and the key flag.</summary>
    private static DataViewType ItemType(DataViewType type) => type is KeyDataViewType key
        ? key.RawType == typeof(uint) ? NumberDataViewType.UInt32 : key.RawType == typeof(ulong) ? NumberDataViewType.UInt64 : key.RawType == typeof(ushort) ? NumberDataViewType.UInt16 : NumberDataViewType.Byte
        : type;

    public static SchemaShape.Column? Find(SchemaShape shape, string name) => shape.LastOrDefault(c => c.Name == name) is { Name: not null } c ? c : null;
}
