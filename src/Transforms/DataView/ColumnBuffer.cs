using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLNet.Autoencoders.Transforms.DataView;

/// <summary>
/// Holds the values one pass-through column had on each row of a look-ahead batch, so that a cursor
/// that has read ahead of its source can still hand out the columns of the row it stands on.
/// </summary>
internal abstract class ColumnBuffer
{
    /// <summary>Copies the source cursor's current value into slot <paramref name="slot"/>.</summary>
    public abstract void Capture(int slot);

    /// <summary>A <see cref="ValueGetter{TValue}"/> that returns the value in the slot <paramref name="currentSlot"/> names.</summary>
    public abstract Delegate CreateGetter(Func<int> currentSlot);

    /// <summary>Creates the buffer for <paramref name="column"/> of <paramref name="source"/>, which must be active.</summary>
    public static ColumnBuffer Create(DataViewRowCursor source, DataViewSchema.Column column, int capacity)
    {
        Type bufferType = column.Type switch
        {
            VectorDataViewType vector => typeof(VectorColumnBuffer<>).MakeGenericType(vector.ItemType.RawType),
            _ when column.Type.RawType == typeof(ReadOnlyMemory<char>) => typeof(TextColumnBuffer),
            _ => typeof(ValueColumnBuffer<>).MakeGenericType(column.Type.RawType),
        };
        return (ColumnBuffer)Activator.CreateInstance(bufferType, source, column, capacity)!;
    }
}

/// <summary>Buffers a column whose values are plain values (numbers, booleans, keys, dates).</summary>
internal sealed class ValueColumnBuffer<T> : ColumnBuffer
{
    private readonly ValueGetter<T> getter;
    private readonly T[] values;

    public ValueColumnBuffer(DataViewRowCursor source, DataViewSchema.Column column, int capacity)
    {
        getter = source.GetGetter<T>(column);
        values = new T[capacity];
    }

    public override void Capture(int slot) => getter(ref values[slot]);

    public override Delegate CreateGetter(Func<int> currentSlot) =>
        new ValueGetter<T>((ref T value) => value = values[currentSlot()]);
}

/// <summary>Buffers a text column; each value is copied, since a source may reuse the memory it hands out.</summary>
internal sealed class TextColumnBuffer : ColumnBuffer
{
    private readonly ValueGetter<ReadOnlyMemory<char>> getter;
    private readonly ReadOnlyMemory<char>[] values;
    private ReadOnlyMemory<char> scratch;

    public TextColumnBuffer(DataViewRowCursor source, DataViewSchema.Column column, int capacity)
    {
        getter = source.GetGetter<ReadOnlyMemory<char>>(column);
        values = new ReadOnlyMemory<char>[capacity];
    }

    public override void Capture(int slot)
    {
        getter(ref scratch);
        values[slot] = scratch.IsEmpty ? ReadOnlyMemory<char>.Empty : scratch.ToString().AsMemory();
    }

    public override Delegate CreateGetter(Func<int> currentSlot) =>
        new ValueGetter<ReadOnlyMemory<char>>((ref ReadOnlyMemory<char> value) => value = values[currentSlot()]);
}

/// <summary>Buffers a vector column; each value is deep-copied into a buffer reused across batches.</summary>
internal sealed class VectorColumnBuffer<T> : ColumnBuffer
{
    private readonly ValueGetter<VBuffer<T>> getter;
    private readonly VBuffer<T>[] values;
    private VBuffer<T> scratch;

    public VectorColumnBuffer(DataViewRowCursor source, DataViewSchema.Column column, int capacity)
    {
        getter = source.GetGetter<VBuffer<T>>(column);
        values = new VBuffer<T>[capacity];
    }

    public override void Capture(int slot)
    {
        getter(ref scratch);
        scratch.CopyTo(ref values[slot]);
    }

    public override Delegate CreateGetter(Func<int> currentSlot) =>
        new ValueGetter<VBuffer<T>>((ref VBuffer<T> value) => values[currentSlot()].CopyTo(ref value));
}
