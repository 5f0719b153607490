using Microsoft.ML;
using Microsoft.ML.Data;
using MLNet.Autoencoders.Transforms.Scoring;

namespace MLNet.Autoencoders.Transforms.DataView;

/// <summary>
/// The row-at-a-time path (what <c>PredictionEngine</c> uses): computed columns are scored for the
/// input row when first read, and kept until the input moves to another row.
/// </summary>
internal sealed class AutoencoderRowMapper : IRowToRowMapper
{
    private readonly AutoencoderSchema schema;
    private readonly AutoencoderScorer scorer;

    public AutoencoderRowMapper(AutoencoderSchema schema, AutoencoderScorer scorer)
    {
        this.schema = schema;
        this.scorer = scorer;
    }

    public DataViewSchema InputSchema => schema.Input;

    public DataViewSchema OutputSchema => schema.Output;

    public IEnumerable<DataViewSchema.Column> GetDependencies(IEnumerable<DataViewSchema.Column> dependingColumns) =>
        schema.Dependencies(dependingColumns);

    public DataViewRow GetRow(DataViewRow input, IEnumerable<DataViewSchema.Column> activeColumns) =>
        new MappedRow(input, schema, scorer, activeColumns);

    private sealed class MappedRow : DataViewRow
    {
        private readonly DataViewRow input;
        private readonly AutoencoderSchema schema;
        private readonly AutoencoderScorer scorer;
        private readonly bool[] active;
        private readonly AutoencoderBatch batch;
        private FeatureReader? features;
        private long scoredPosition = -1;

        public MappedRow(DataViewRow input, AutoencoderSchema schema, AutoencoderScorer scorer, IEnumerable<DataViewSchema.Column> activeColumns)
        {
            this.input = input;
            this.schema = schema;
            this.scorer = scorer;
            batch = scorer.CreateBatch(1);
            active = new bool[schema.Output.Count];
            foreach (var column in activeColumns)
                active[column.Index] = true;
        }

        public override DataViewSchema Schema => schema.Output;

        public override long Position => input.Position;

        public override long Batch => input.Batch;

        public override ValueGetter<DataViewRowId> GetIdGetter() => input.GetIdGetter();

        public override bool IsColumnActive(DataViewSchema.Column column) =>
            column.Index < active.Length && active[column.Index];

        public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
        {
            if (!IsColumnActive(column))
                throw new InvalidOperationException($"Column '{column.Name}' is not active in this row.");
            int kind = schema.OutputKind(column.Index);
            if (kind < 0)
                return input.GetGetter<TValue>(input.Schema[column.Index]);
            features ??= new FeatureReader(input, input.Schema[schema.Feature.Index], scorer.InputSize);
            return OutputGetters.Create<TValue>(kind, ScoreCurrentRow);
        }

        private int ScoreCurrentRow(out AutoencoderBatch current)
        {
            if (scoredPosition != input.Position || input.Position < 0)
            {
                features!.Read(batch.InputRow(0));
                batch.Count = 1;
                scorer.Score(batch);
                scoredPosition = input.Position;
            }
            current = batch;
            return 0;
        }
    }
}
