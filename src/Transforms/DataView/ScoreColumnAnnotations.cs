using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLNet.Autoencoders.Transforms.DataView;

/// <summary>
/// The annotations ML.NET's own scorers put on their output columns (a score column set id, the score column kind such
/// as "AnomalyDetection" or "Clustering", and the value kind "Score" or "PredictedLabel"), so tools that look for a
/// scored column set find ours.
/// </summary>
internal static class ScoreColumnAnnotations
{
    // ML.NET's annotation kinds (AnnotationUtils.Kinds and AnnotationUtils.Const, internal), spelled as in 5.0.1.
    public const string ScoreColumnSetId = "ScoreColumnSetId";
    public const string ScoreColumnKind = "ScoreColumnKind";
    public const string ScoreValueKind = "ScoreValueKind";

    // AnnotationUtils.ScoreColumnSetIdType: a uint key of int.MaxValue values.
    private static readonly KeyDataViewType ScoreColumnSetIdType = new(typeof(uint), int.MaxValue);

    /// <summary>The set id the next scorer over <paramref name="input"/> takes: one more than the largest there, as ML.NET numbers them.</summary>
    public static uint NextSetId(DataViewSchema input) => checked(MaxScoreColumnSetId(input) + 1);

    /// <summary>The annotations of one column of a scored column set.</summary>
    public static DataViewSchema.Annotations Create(uint setId, string columnKind, string valueKind)
    {
        var builder = new DataViewSchema.Annotations.Builder();
        builder.Add(ScoreColumnSetId, ScoreColumnSetIdType, (ref uint value) => value = setId);
        builder.AddPrimitiveValue(ScoreColumnKind, TextDataViewType.Instance, columnKind.AsMemory());
        builder.AddPrimitiveValue(ScoreValueKind, TextDataViewType.Instance, valueKind.AsMemory());
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
