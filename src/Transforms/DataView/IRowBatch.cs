using Microsoft.ML;

namespace MLNet.Autoencoders.Transforms.DataView;

/// <summary>
/// The computed half of a batched transform: buffers for up to <see cref="Capacity"/> rows, filled one row
/// at a time from the row the batch was created over, computed together, and read back one slot at a time.
/// Created by a <see cref="RowBatchFactory"/>; used by <see cref="LookAheadCursor"/> and <see cref="BatchedRowMapper"/>.
/// </summary>
internal interface IRowBatch : IDisposable
{
    /// <summary>The number of rows the batch holds at most.</summary>
    int Capacity { get; }

    /// <summary>Copies the source columns of the current source row into slot <paramref name="slot"/>.</summary>
    void Capture(int slot);

    /// <summary>Computes the outputs of slots 0 to <paramref name="count"/> - 1.</summary>
    void Compute(int count);

    /// <summary>
    /// A getter for computed column <paramref name="computedIndex"/> (0-based among the computed columns) that
    /// returns the value of the slot <paramref name="currentSlot"/> names; <paramref name="currentSlot"/> also makes
    /// sure the slot has been computed.
    /// </summary>
    /// <exception cref="InvalidOperationException"><typeparamref name="TValue"/> is not the column's raw type.</exception>
    ValueGetter<TValue> GetGetter<TValue>(int computedIndex, Func<int> currentSlot);

    /// <summary>Releases the batch's buffers when its cursor or row is disposed. Default: nothing to release.</summary>
    void IDisposable.Dispose()
    {
    }
}

/// <summary>Creates an <see cref="IRowBatch"/> of <paramref name="capacity"/> rows that captures from <paramref name="source"/>, whose source columns are active.</summary>
internal delegate IRowBatch RowBatchFactory(DataViewRow source, int capacity);
