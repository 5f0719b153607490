using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLNet.Autoencoders.Transforms.DataView;

/// <summary>
/// The annotations ML.NET's own scorers put on the columns they add (a score column set id, the task kind such as
/// "AnomalyDetection", "MulticlassClassification" or "Clustering", and the value kind "Score" or "PredictedLabel"), so that
/// tools that look for a scored column set find ours; shared by the detector, the classifier and the clustering transformer.
/// </summary>
internal static class ScoreColumnAnnotations
{
    // ML.NET's annotation kinds (AnnotationUtils.Kinds and AnnotationUtils.Const, internal), spelled as in 5.0.1.
    private const string ScoreColumnSetId = "ScoreColumnSetId";
    private const string ScoreColumnKind = "ScoreColumnKind";
    private const string ScoreValueKind = "ScoreValueKind";

    /// <summary>ML.NET's task kinds, as its scorers write them.</summary>
    public const string AnomalyDetection = "AnomalyDetection";
    public const string MulticlassClassification = "MulticlassClassification";
    public const string Regression = "Regression";
    public const string Clustering = "Clustering";

    // AnnotationUtils.ScoreColumnSetIdType: a uint key of int.MaxValue values.
    private static readonly KeyDataViewType ScoreColumnSetIdType = new(typeof(uint), int.MaxValue);

    /// <summary>Adds the set id, the task kind and the value kind ("Score", "PredictedLabel") to <paramref name="builder"/>.</summary>
    public static void Add(DataViewSchema.Annotations.Builder builder, uint setId, string taskKind, string valueKind)
    {
        builder.Add(ScoreColumnSetId, ScoreColumnSetIdType, (ref uint value) => value = setId);
        builder.AddPrimitiveValue(ScoreColumnKind, TextDataViewType.Instance, taskKind.AsMemory());
        builder.AddPrimitiveValue(ScoreValueKind, TextDataViewType.Instance, valueKind.AsMemory());
    }

    /// <summary>The annotations of one column of a scored column set, when the column has no others.</summary>
    public static DataViewSchema.Annotations Create(uint setId, string taskKind, string valueKind)
    {
        var builder = new DataViewSchema.Annotations.Builder();
        Add(builder, setId, taskKind, valueKind);
        return builder.ToAnnotations();
    }

    /// <summary>The set id for the next scored column set of <paramref name="schema"/>: one more than the largest there (ML.NET numbers from 1).</summary>
    public static uint NextSetId(DataViewSchema schema)
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
        return checked(max + 1);
    }
}
