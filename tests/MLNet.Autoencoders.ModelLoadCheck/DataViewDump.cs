using System.Globalization;
using System.Text;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLNet.Autoencoders.ModelLoadCheck;

/// <summary>
/// Writes every column (hidden ones included) of every row of an <see cref="IDataView"/> as canonical text,
/// so that two dumps are equal exactly when the data is bit-for-bit equal: floats and doubles as the hex of
/// their bits, vectors element by element in dense form with their length, strings quoted and escaped, keys
/// as their raw numbers. Compiled into ModelLoadCheck and into the test project, so in-process and
/// fresh-process dumps come from the same code.
/// </summary>
internal static class DataViewDump
{
    /// <summary>The dump as a string.</summary>
    public static string ToText(IDataView data)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        Write(data, writer);
        return writer.ToString();
    }

    /// <summary>Writes the schema, then one line per row: "row n", then a tab and a value per column.</summary>
    public static void Write(IDataView data, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(writer);
        DataViewSchema schema = data.Schema;
        foreach (DataViewSchema.Column column in schema)
            writer.Write($"column {column.Index} {Quote(column.Name)} {column.Type}{(column.IsHidden ? " hidden" : "")}\n");

        using DataViewRowCursor cursor = data.GetRowCursor(schema);
        Action<StringBuilder>[] cells = schema.Select(column => CreateCell(cursor, column)).ToArray();
        var line = new StringBuilder();
        long rows = 0;
        while (cursor.MoveNext())
        {
            line.Clear().Append("row ").Append(rows++);
            foreach (Action<StringBuilder> cell in cells)
                cell(line.Append('\t'));
            writer.Write(line.Append('\n'));
        }
        writer.Write($"rows {rows}\n");
    }

    private static Action<StringBuilder> CreateCell(DataViewRow row, DataViewSchema.Column column)
    {
        bool vector = column.Type is VectorDataViewType;
        DataViewType item = column.Type is VectorDataViewType v ? v.ItemType : column.Type;
        string prefix = item is KeyDataViewType ? "k" : "";
        Type raw = item.RawType;

        if (item is NumberDataViewType or KeyDataViewType)
        {
            if (raw == typeof(float)) return Cell<float>(row, column, vector, (sb, x) => sb.Append('f').Append(BitConverter.SingleToUInt32Bits(x).ToString("X8", CultureInfo.InvariantCulture)));
            if (raw == typeof(double)) return Cell<double>(row, column, vector, (sb, x) => sb.Append('d').Append(BitConverter.DoubleToUInt64Bits(x).ToString("X16", CultureInfo.InvariantCulture)));
            if (raw == typeof(sbyte)) return Cell<sbyte>(row, column, vector, (sb, x) => sb.Append(prefix).Append(x.ToString(CultureInfo.InvariantCulture)));
            if (raw == typeof(byte)) return Cell<byte>(row, column, vector, (sb, x) => sb.Append(prefix).Append(x.ToString(CultureInfo.InvariantCulture)));
            if (raw == typeof(short)) return Cell<short>(row, column, vector, (sb, x) => sb.Append(prefix).Append(x.ToString(CultureInfo.InvariantCulture)));
            if (raw == typeof(ushort)) return Cell<ushort>(row, column, vector, (sb, x) => sb.Append(prefix).Append(x.ToString(CultureInfo.InvariantCulture)));
            if (raw == typeof(int)) return Cell<int>(row, column, vector, (sb, x) => sb.Append(prefix).Append(x.ToString(CultureInfo.InvariantCulture)));
            if (raw == typeof(uint)) return Cell<uint>(row, column, vector, (sb, x) => sb.Append(prefix).Append(x.ToString(CultureInfo.InvariantCulture)));
            if (raw == typeof(long)) return Cell<long>(row, column, vector, (sb, x) => sb.Append(prefix).Append(x.ToString(CultureInfo.InvariantCulture)));
            if (raw == typeof(ulong)) return Cell<ulong>(row, column, vector, (sb, x) => sb.Append(prefix).Append(x.ToString(CultureInfo.InvariantCulture)));
        }
        return item switch
        {
            BooleanDataViewType => Cell<bool>(row, column, vector, (sb, x) => sb.Append(x ? "true" : "false")),
            TextDataViewType => Cell<ReadOnlyMemory<char>>(row, column, vector, (sb, x) => AppendQuoted(sb, x.Span)),
            DateTimeDataViewType => Cell<DateTime>(row, column, vector, (sb, x) => sb.Append('t').Append(x.Ticks.ToString(CultureInfo.InvariantCulture)).Append(':').Append(x.Kind)),
            DateTimeOffsetDataViewType => Cell<DateTimeOffset>(row, column, vector, (sb, x) => sb.Append('o').Append(x.Ticks.ToString(CultureInfo.InvariantCulture)).Append(':').Append(x.Offset.Ticks.ToString(CultureInfo.InvariantCulture))),
            TimeSpanDataViewType => Cell<TimeSpan>(row, column, vector, (sb, x) => sb.Append('s').Append(x.Ticks.ToString(CultureInfo.InvariantCulture))),
            RowIdDataViewType => Cell<DataViewRowId>(row, column, vector, (sb, x) => sb.Append('r').Append(x.High.ToString("X16", CultureInfo.InvariantCulture)).Append(x.Low.ToString("X16", CultureInfo.InvariantCulture))),
            _ => throw new NotSupportedException($"DataViewDump cannot write column '{column.Name}' of type {column.Type}."),
        };
    }

    private static Action<StringBuilder> Cell<T>(DataViewRow row, DataViewSchema.Column column, bool vector, Action<StringBuilder, T> format) =>
        vector ? VectorCell(row, column, format) : ScalarCell(row, column, format);

    private static Action<StringBuilder> ScalarCell<T>(DataViewRow row, DataViewSchema.Column column, Action<StringBuilder, T> format)
    {
        ValueGetter<T> getter = row.GetGetter<T>(column);
        T value = default!;
        return sb =>
        {
            getter(ref value);
            format(sb, value);
        };
    }

    private static Action<StringBuilder> VectorCell<T>(DataViewRow row, DataViewSchema.Column column, Action<StringBuilder, T> format)
    {
        ValueGetter<VBuffer<T>> getter = row.GetGetter<VBuffer<T>>(column);
        VBuffer<T> value = default;
        return sb =>
        {
            getter(ref value);
            sb.Append('[').Append(value.Length).Append(']');
            foreach (T item in value.DenseValues())
                format(sb.Append(' '), item);
        };
    }

    private static string Quote(string text) => AppendQuoted(new StringBuilder(), text).ToString();

    private static StringBuilder AppendQuoted(StringBuilder sb, ReadOnlySpan<char> text)
    {
        sb.Append('"');
        foreach (char c in text)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\t': sb.Append("\\t"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                default:
                    if (char.IsControl(c) || char.IsSurrogate(c))
                        sb.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
                    else
                        sb.Append(c);
                    break;
            }
        }
        return sb.Append('"');
    }
}
