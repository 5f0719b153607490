using Microsoft.ML;
using MLNet.Autoencoders.Transforms.Scoring;

namespace MLNet.Autoencoders.Transforms.DataView;

/// <summary>
/// The lazy result of an autoencoder's <c>Transform</c>: the source's columns plus the computed ones.
/// Nothing runs until a cursor is opened; a cursor that reads no computed column runs no network.
/// </summary>
internal sealed class AutoencoderDataView : IDataView
{
    private readonly IDataView source;
    private readonly AutoencoderSchema schema;
    private readonly AutoencoderScorer scorer;
    private readonly int batchSize;

    public AutoencoderDataView(IDataView source, AutoencoderSchema schema, AutoencoderScorer scorer, int batchSize)
    {
        this.source = source;
        this.schema = schema;
        this.scorer = scorer;
        this.batchSize = batchSize;
    }

    public bool CanShuffle => source.CanShuffle;

    public DataViewSchema Schema => schema.Output;

    public long? GetRowCount() => source.GetRowCount();

    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null)
    {
        var needed = columnsNeeded.ToArray();
        var sourceCursor = source.GetRowCursor(schema.Dependencies(needed), rand);
        return schema.NeedsNetwork(needed)
            ? new BatchedAutoencoderCursor(sourceCursor, schema, scorer, batchSize, needed)
            : new PassThroughCursor(sourceCursor, schema.Output);
    }

    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null) =>
        [GetRowCursor(columnsNeeded, rand)];
}
