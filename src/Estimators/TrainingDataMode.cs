namespace MLNet.Autoencoders.Estimators;

/// <summary>How fitting reads the training rows: all at once into memory, or streamed from the data view every epoch.</summary>
public enum TrainingDataMode
{
    /// <summary>
    /// <see cref="InMemory"/>, unless the data view reports its row count and the rows would take more than
    /// <see cref="AutoencoderTrainingOptions.InMemoryBudgetMegabytes"/>; then <see cref="Streaming"/>. A data view
    /// that does not know its row count (e.g. a text loader) is read into memory.
    /// </summary>
    Auto,

    /// <summary>Reads every row into memory once, then shuffles and batches from there. Fastest when the data fits.</summary>
    InMemory,

    /// <summary>
    /// Never holds the data: one pass over the data view learns the scaling statistics and picks the validation rows,
    /// then every epoch reads the data view again (shuffled by the cursor when the view can shuffle) through a
    /// seeded shuffle buffer of <see cref="AutoencoderTrainingOptions.StreamingBufferRows"/> rows.
    /// </summary>
    Streaming,
}
