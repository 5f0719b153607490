using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;
using MLNet.Autoencoders.Transforms.Supervised;

namespace MLNet.Autoencoders.Estimators;

/// <summary>
/// Finds, checks and reads the label and auxiliary target columns of a supervised autoencoder, with ML.NET's schema-error
/// wording: a key of known count (0, the missing key, marks an unlabelled row) or a <see cref="float"/> (NaN marks a missing value).
/// </summary>
internal static class TargetColumns
{
    /// <summary>The key column <paramref name="name"/>, with 2 to <see cref="ClassLabels.MaxClasses"/> values.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The column is missing, not a key of known count, or has fewer than 2 values.</exception>
    public static DataViewSchema.Column RequireKey(DataViewSchema schema, string name, string role)
    {
        var column = schema.GetColumnOrNull(name) ?? throw new ArgumentOutOfRangeException(nameof(schema), $"Could not find {role} column '{name}'.");
        RequireKeyType(column, role);
        return column;
    }

    /// <summary>The auxiliary target column <paramref name="name"/>: a key (as <see cref="RequireKey"/>) or a <see cref="float"/>.</summary>
    public static DataViewSchema.Column RequireTarget(DataViewSchema schema, string name)
    {
        var column = schema.GetColumnOrNull(name) ?? throw new ArgumentOutOfRangeException(nameof(schema), $"Could not find auxiliary target column '{name}'.");
        if (column.Type is KeyDataViewType)
            RequireKeyType(column, "auxiliary target");
        else if (column.Type != NumberDataViewType.Single)
            throw new ArgumentOutOfRangeException(nameof(schema), $"Schema mismatch for auxiliary target column '{name}': expected a key or Single, got {column.Type}.");
        return column;
    }

    private static void RequireKeyType(DataViewSchema.Column column, string role)
    {
        if (column.Type is not KeyDataViewType key)
        {
            throw new ArgumentOutOfRangeException("schema",
                $"Schema mismatch for {role} column '{column.Name}': expected a key type, got {column.Type}. " +
                $"Convert it with mlContext.Transforms.Conversion.MapValueToKey(\"{column.Name}\"); an empty string (or NaN) becomes the missing key 0, which marks an unlabelled row.");
        }
        if (key.Count is < 2 or > ClassLabels.MaxClasses)
            throw new ArgumentOutOfRangeException("schema",
                $"The {role} column '{column.Name}' is a key of {key.Count} values; a classifier needs 2 to {ClassLabels.MaxClasses} classes.");
    }

    /// <summary>
    /// Reads a key column: each row's class index (key - 1), or -1 for the missing key 0. Requires at least one labelled row
    /// and every class to occur among the labelled rows, naming the class otherwise.
    /// </summary>
    public static int[] ReadClasses(IDataView data, DataViewSchema.Column column, ClassLabels classes, int rowCount, string role, CancellationToken cancellation)
    {
        var result = new int[rowCount];
        using (var cursor = data.GetRowCursor([column]))
        {
            var read = KeyReader(cursor, column);
            int row = 0;
            while (cursor.MoveNext())
            {
                if ((row & 1023) == 0)
                    cancellation.ThrowIfCancellationRequested();
                if (row == rowCount)
                    throw ChangedRowCount(column.Name);
                ulong key = read();
                result[row++] = key == 0 || key > (ulong)classes.Count ? -1 : (int)key - 1;
            }
            if (row != rowCount)
                throw ChangedRowCount(column.Name);
        }
        var counts = new int[classes.Count];
        foreach (int label in result)
        {
            if (label >= 0)
                counts[label]++;
        }
        if (counts.Sum() == 0)
            throw new ArgumentOutOfRangeException("data",
                $"The {role} column '{column.Name}' has no labelled row: all {rowCount} training rows have the missing key 0. Label at least one row of each class.");
        int absent = Array.IndexOf(counts, 0);
        if (absent >= 0)
            throw new ArgumentOutOfRangeException("data",
                $"The {role} column '{column.Name}' has {classes.Count} classes, but class '{classes.Names[absent]}' (key {absent + 1}) has no labelled training row. " +
                "Label at least one row of it, or build the key type from the labelled rows' values only.");
        return result;
    }

    /// <summary>Reads a <see cref="float"/> column; NaN is a missing value, infinities are errors. Requires at least one value.</summary>
    public static float[] ReadValues(IDataView data, DataViewSchema.Column column, int rowCount, CancellationToken cancellation)
    {
        var result = new float[rowCount];
        using var cursor = data.GetRowCursor([column]);
        var getter = cursor.GetGetter<float>(column);
        int row = 0, observed = 0;
        while (cursor.MoveNext())
        {
            if ((row & 1023) == 0)
                cancellation.ThrowIfCancellationRequested();
            if (row == rowCount)
                throw ChangedRowCount(column.Name);
            getter(ref result[row]);
            if (float.IsInfinity(result[row]))
                throw new ArgumentOutOfRangeException("data",
                    $"The auxiliary target column '{column.Name}' has {result[row].ToString(CultureInfo.InvariantCulture)} in row {row}; use NaN for a missing value.");
            observed += float.IsNaN(result[row]) ? 0 : 1;
            row++;
        }
        if (row != rowCount)
            throw ChangedRowCount(column.Name);
        if (observed == 0)
            throw new ArgumentOutOfRangeException("data", $"The auxiliary target column '{column.Name}' has no value: all {rowCount} training rows are NaN.");
        return result;
    }

    private static Func<ulong> KeyReader(DataViewRowCursor cursor, DataViewSchema.Column column)
    {
        var raw = column.Type.RawType;
        if (raw == typeof(uint))
        {
            var getter = cursor.GetGetter<uint>(column);
            uint value = 0;
            return () => { getter(ref value); return value; };
        }
        if (raw == typeof(ulong))
        {
            var getter = cursor.GetGetter<ulong>(column);
            ulong value = 0;
            return () => { getter(ref value); return value; };
        }
        if (raw == typeof(ushort))
        {
            var getter = cursor.GetGetter<ushort>(column);
            ushort value = 0;
            return () => { getter(ref value); return value; };
        }
        var bytes = cursor.GetGetter<byte>(column);
        byte small = 0;
        return () => { bytes(ref small); return small; };
    }

    private static InvalidOperationException ChangedRowCount(string columnName) => new(
        $"The data view gave a different number of rows when column '{columnName}' was read; a supervised autoencoder reads its " +
        "training data more than once and needs the same rows each time. Cache it first (mlContext.Data.Cache).");
}
