using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLNet.Autoencoders.Tests.Reliability;

/// <summary>A row with one "Features" column, whose type (scalar, vector, vector size, item type) each load chooses.</summary>
public sealed class FeatureRow
{
    public float[] Features { get; set; } = [];

    /// <summary>Loads <paramref name="rows"/> with the column typed <paramref name="type"/> and named <paramref name="name"/>.</summary>
    public static IDataView Load(MLContext ml, IEnumerable<float[]> rows, VectorDataViewType type, string name = "Features") =>
        ml.Data.LoadFromEnumerable(rows.Select(r => new FeatureRow { Features = r }), Definition(type, name));

    /// <summary>The schema definition of <see cref="FeatureRow"/> with the column typed <paramref name="type"/> and named <paramref name="name"/>.</summary>
    public static SchemaDefinition Definition(VectorDataViewType type, string name = "Features")
    {
        var definition = SchemaDefinition.Create(typeof(FeatureRow));
        definition[nameof(Features)].ColumnType = type;
        definition[nameof(Features)].ColumnName = name;
        return definition;
    }
}
