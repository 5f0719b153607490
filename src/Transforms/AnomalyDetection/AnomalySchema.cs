using Microsoft.ML;
using Microsoft.ML.Data;
using MLNet.Autoencoders.Transforms.DataView;

namespace MLNet.Autoencoders.Transforms.AnomalyDetection;

/// <summary>
/// Builds the output schema of an <see cref="AutoencoderAnomalyTransformer"/>: every input column, then Score,
/// PredictedLabel and, when asked for, the per-feature errors. Score and PredictedLabel carry the annotations
/// ML.NET's own anomaly scorers write (score column set, kind "AnomalyDetection", value kind), so tools that
/// look for a scored column set find them.
/// </summary>
internal static class AnomalySchema
{
    public const int ScoreOutput = 0;
    public const int PredictedLabelOutput = 1;
    public const int FeatureErrorsOutput = 2;

    private const string SlotNames = "SlotNames";

    /// <exception cref="ArgumentOutOfRangeException">The feature column is missing, not a known-size float vector, or of another size than <paramref name="inputSize"/>.</exception>
    public static AppendedSchema Create(DataViewSchema input, AnomalyColumnNames names, int inputSize)
    {
        var feature = InputColumn.Find(input, names.Features, inputSize);
        uint setId = ScoreColumnAnnotations.NextSetId(input);
        var builder = new DataViewSchema.Builder();
        builder.AddColumns(input);
        builder.AddColumn(names.Score, NumberDataViewType.Single, ScoreColumnAnnotations.Create(setId, ScoreColumnAnnotations.AnomalyDetection, "Score"));
        builder.AddColumn(names.PredictedLabel, BooleanDataViewType.Instance, ScoreColumnAnnotations.Create(setId, ScoreColumnAnnotations.AnomalyDetection, "PredictedLabel"));
        if (names.FeatureErrors is { } errors)
            builder.AddColumn(errors, new VectorDataViewType(NumberDataViewType.Single, inputSize), SlotNamesOf(feature));
        return new AppendedSchema(input, builder.ToSchema(), [feature]);
    }

    private static DataViewSchema.Annotations SlotNamesOf(DataViewSchema.Column feature)
    {
        var builder = new DataViewSchema.Annotations.Builder();
        if (feature.Annotations.Schema.GetColumnOrNull(SlotNames) is { } slotNames)
            builder.Add(feature.Annotations, name => name == slotNames.Name);
        return builder.ToAnnotations();
    }
}
