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

    // ML.NET's annotation kinds (AnnotationUtils.Kinds and AnnotationUtils.Const, internal), spelled as in 5.0.1.
    private const string ScoreColumnSetId = "ScoreColumnSetId";
    private const string ScoreColumnKind = "ScoreColumnKind";
    private const string ScoreValueKind = "ScoreValueKind";
    private const string SlotNames = "SlotNames";
    private const string AnomalyDetectionKind = "AnomalyDetection";

    // AnnotationUtils.ScoreColumnSetIdType: a uint key of int.MaxValue values.
    private static readonly KeyDataViewType ScoreColumnSetIdType = new(typeof(uint), int.MaxValue);

    /// <exception cref="ArgumentOutOfRangeException">The feature column is missing, not a known-size float vector, or of another size than <paramref name="inputSize"/>.</exception>
    public static AppendedSchema Create(DataViewSchema input, AnomalyColumnNames names, int inputSize)
    {
        var feature = InputColumn.Find(input, names.Features, inputSize);
        uint setId = checked(MaxScoreColumnSetId(input) + 1);
        var builder = new DataViewSchema.Builder();
        builder.AddColumns(input);
        builder.AddColumn(names.Score, NumberDataViewType.Single, ScoreAnnotations(setId, "Score"));
        builder.AddColumn(names.PredictedLabel, BooleanDataViewType.Instance, ScoreAnnotations(setId, "PredictedLabel"));
        if (names.FeatureErrors is { } errors)
            builder.AddColumn(errors, new VectorDataViewType(NumberDataViewType.Single, inputSize), SlotNamesOf(feature));
        return new AppendedSchema(input, builder.ToSchema(), [feature]);
    }

    private static DataViewSchema.Annotations ScoreAnnotations(uint setId, string valueKind)
    {
        var builder = new DataViewSchema.Annotations.Builder();
        builder.Add(ScoreColumnSetId, ScoreColumnSetIdType, (ref uint value) => value = setId);
        builder.AddPrimitiveValue(ScoreColumnKind, TextDataViewType.Instance, AnomalyDetectionKind.AsMemory());
        builder.AddPrimitiveValue(ScoreValueKind, TextDataViewType.Instance, valueKind.AsMemory());
        return builder.ToAnnotations();
    }

    private static DataViewSchema.Annotations SlotNamesOf(DataViewSchema.Column feature)
    {
        var builder = new DataViewSchema.Annotations.Builder();
        if (feature.Annotations.Schema.GetColumnOrNull(SlotNames) is { } slotNames)
            builder.Add(feature.Annotations, name => name == slotNames.Name);
        return builder.ToAnnotations();
    }

    /// <summary>The largest score column set id in <paramref name="schema"/>, 0 if none (what ML.NET's scorers number from).</summary>
    private static uint MaxScoreColumnSetId(DataViewSchema schema)
    {
        uint max = 0;
        foreach (var column in schema)
        {
            if (column.Annotations.Schema.GetColumnOrNull(ScoreColumnSetId) is not { Type: KeyDataViewType { RawType: var raw } } || raw != typeof(uint))
                continue;
            uint value = 0;
            column.Annotations.GetValue(ScoreColumnSetId, ref value);
            max = Math.Max(max, value);
        }
        return max;
    }
}
