using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLNet.Autoencoders.Transforms;

/// <summary>
/// Finds and checks the feature column an autoencoder reads, with ML.NET's schema-error wording.
/// </summary>
internal static class InputColumn
{
    /// <summary>
    /// Returns the column <paramref name="name"/> of <paramref name="schema"/>, which must be a known-size
    /// vector of <see cref="float"/>, of <paramref name="expectedSize"/> elements when that is given.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The column is missing, of another type, or of another size.</exception>
    public static DataViewSchema.Column Find(DataViewSchema schema, string name, int? expectedSize = null)
    {
        var column = schema.GetColumnOrNull(name)
            ?? throw new ArgumentOutOfRangeException(nameof(schema), $"Could not find input column '{name}'.");
        if (column.Type is not VectorDataViewType { ItemType: NumberDataViewType numberType } vector
            || numberType.RawType != typeof(float)
            || !vector.IsKnownSize)
        {
            throw new ArgumentOutOfRangeException(nameof(schema),
                $"Schema mismatch for input column '{name}': expected known-size vector of Single, got {column.Type}.{SizeHint(column.Type is VectorDataViewType { IsKnownSize: false }, name)}");
        }
        if (expectedSize is { } size && vector.Size != size)
        {
            throw new ArgumentOutOfRangeException(nameof(schema),
                $"Schema mismatch for input column '{name}': expected vector of Single of size {size}, got {column.Type}. " +
                $"The data has {vector.Size} features, but the model was trained on {size}.");
        }
        return column;
    }

    /// <summary>
    /// For a vector of unknown size, how to declare the size: a <c>float[]</c> loaded with <c>LoadFromEnumerable</c> or used by a
    /// <c>PredictionEngine</c> is such a vector unless its field says otherwise. Empty for other mismatches.
    /// </summary>
    internal static string SizeHint(bool variableSize, string name) => variableSize
        ? $" Declare the vector's size: put [VectorType(n)] on the float[] field or property '{name}', or load it with a SchemaDefinition whose column '{name}' has ColumnType = new VectorDataViewType(NumberDataViewType.Single, n)."
        : "";
}
