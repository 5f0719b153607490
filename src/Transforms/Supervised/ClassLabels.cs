using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLNet.Autoencoders.Transforms.Supervised;

/// <summary>
/// The classes of a key-typed label as fitting saw them: their number and, when the label carried them, its key values
/// (text or numbers, as <c>MapValueToKey</c> records them), kept in the model so that the predicted label converts back
/// with <c>MapKeyToValue</c> and the score's slots are named after the classes.
/// </summary>
public sealed class ClassLabels
{
    private const string KeyValuesKind = "KeyValues";
    private const string SlotNamesKind = "SlotNames";
    private readonly Array? values;

    private ClassLabels(int count, PrimitiveDataViewType? valueType, Array? values)
    {
        Count = count;
        ValueType = valueType;
        this.values = values;
    }

    /// <summary>The number of classes: the label key's count.</summary>
    public int Count { get; }

    /// <summary>The type of the key values (e.g. text), or <see langword="null"/> when the label had none.</summary>
    public PrimitiveDataViewType? ValueType { get; }

    /// <summary>Each class's key value as text, in key order (key 1 first), or "1", "2", ... when the label had none.</summary>
    public IReadOnlyList<string> Names => Enumerable.Range(0, Count).Select(Name).ToArray();

    /// <summary>The classes of <paramref name="label"/>, a key column of known count (checked by the caller).</summary>
    internal static ClassLabels From(DataViewSchema.Column label)
    {
        int count = checked((int)((KeyDataViewType)label.Type).Count);
        if (label.Annotations.Schema.GetColumnOrNull(KeyValuesKind) is not { Type: VectorDataViewType { ItemType: PrimitiveDataViewType item } vector }
            || vector.Size != count || Codec(item) is null)
            return new ClassLabels(count, null, null);
        var read = typeof(ClassLabels).GetMethod(nameof(ReadValues), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!
            .MakeGenericMethod(item.RawType);
        return new ClassLabels(count, item, (Array)read.Invoke(null, [label.Annotations, count])!);
    }

    private static T[] ReadValues<T>(DataViewSchema.Annotations annotations, int count)
    {
        VBuffer<T> buffer = default;
        annotations.GetValue(KeyValuesKind, ref buffer);
        var result = new T[count];
        buffer.CopyTo(result);
        return result;
    }

    /// <summary>A key type of <see cref="Count"/> values, the type of a predicted-label column.</summary>
    internal KeyDataViewType KeyType => new(typeof(uint), Count);

    /// <summary>The predicted label's annotations: the key values, when known.</summary>
    internal void AddKeyValues(DataViewSchema.Annotations.Builder builder)
    {
        if (values is null || ValueType is null)
            return;
        var add = typeof(ClassLabels).GetMethod(nameof(AddTyped), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!
            .MakeGenericMethod(ValueType.RawType);
        add.Invoke(null, [builder, KeyValuesKind, new VectorDataViewType(ValueType, Count), values]);
    }

    /// <summary>A score vector's annotations: one text slot name per class.</summary>
    internal void AddSlotNames(DataViewSchema.Annotations.Builder builder)
    {
        var names = Enumerable.Range(0, Count).Select(i => Name(i).AsMemory()).ToArray();
        AddTyped(builder, SlotNamesKind, new VectorDataViewType(TextDataViewType.Instance, Count), names);
    }

    private static void AddTyped<T>(DataViewSchema.Annotations.Builder builder, string kind, VectorDataViewType type, T[] items) =>
        builder.Add(kind, type, (ref VBuffer<T> value) => new VBuffer<T>(items.Length, items).CopyTo(ref value));

    private string Name(int index) => values?.GetValue(index) switch
    {
        ReadOnlyMemory<char> text => text.ToString(),
        IFormattable number => number.ToString(null, CultureInfo.InvariantCulture),
        { } other => other.ToString() ?? "",
        null => (index + 1).ToString(CultureInfo.InvariantCulture),
    };

    internal void Write(BinaryWriter writer)
    {
        writer.Write(Count);
        var codec = ValueType is null ? null : Codec(ValueType);
        writer.Write(codec?.Code ?? 0);
        if (codec is null || values is null)
            return;
        foreach (var value in values)
            codec.Write(writer, value!);
    }

    internal static ClassLabels Read(BinaryReader reader)
    {
        int count = reader.ReadInt32();
        if (count is < 2 or > MaxClasses)
            throw new InvalidDataException($"The model declares {count} classes; expected 2 to {MaxClasses}.");
        int code = reader.ReadInt32();
        if (code == 0)
            return new ClassLabels(count, null, null);
        var codec = Codecs.FirstOrDefault(c => c.Code == code)
            ?? throw new InvalidDataException($"The model's class labels have type code {code}, which this version does not know.");
        var values = Array.CreateInstance(codec.Type.RawType, count);
        for (int i = 0; i < count; i++)
            values.SetValue(codec.Read(reader), i);
        return new ClassLabels(count, codec.Type, values);
    }

    /// <summary>The most classes a model may declare (and the trainer accepts).</summary>
    internal const int MaxClasses = 1 << 20;

    /// <summary>Whether key values of <paramref name="type"/> are kept (text and the number types); others are dropped.</summary>
    private static ValueCodec? Codec(PrimitiveDataViewType type) => Codecs.FirstOrDefault(c => c.Type.Equals(type));

    private sealed record ValueCodec(int Code, PrimitiveDataViewType Type, Action<BinaryWriter, object> Write, Func<BinaryReader, object> Read);

    private static readonly ValueCodec[] Codecs =
    [
        new(1, TextDataViewType.Instance, (w, v) => w.Write(((ReadOnlyMemory<char>)v).ToString()), r => r.ReadString().AsMemory()),
        new(2, NumberDataViewType.Single, (w, v) => w.Write((float)v), r => r.ReadSingle()),
        new(3, NumberDataViewType.Double, (w, v) => w.Write((double)v), r => r.ReadDouble()),
        new(4, NumberDataViewType.Int32, (w, v) => w.Write((int)v), r => r.ReadInt32()),
        new(5, NumberDataViewType.UInt32, (w, v) => w.Write((uint)v), r => r.ReadUInt32()),
        new(6, NumberDataViewType.Int64, (w, v) => w.Write((long)v), r => r.ReadInt64()),
        new(7, NumberDataViewType.UInt64, (w, v) => w.Write((ulong)v), r => r.ReadUInt64()),
    ];
}
