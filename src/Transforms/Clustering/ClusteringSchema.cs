using Microsoft.ML;
using Microsoft.ML.Data;
using MLNet.Autoencoders.Transforms.DataView;
using MLNet.Autoencoders.Transforms.Networks;

namespace MLNet.Autoencoders.Transforms.Clustering;

/// <summary>
/// Builds the output schema of an <see cref="AutoencoderClusteringTransformer"/>: every input column, then Score (a
/// vector of k distances), PredictedLabel (a key of k values), Latent and, when asked for, the soft assignment. Score
/// and PredictedLabel carry the annotations ML.NET's k-means scorer writes (score column set, kind "Clustering").
/// </summary>
internal static class ClusteringSchema
{
    public const int ScoreOutput = 0;
    public const int PredictedLabelOutput = 1;
    public const int LatentOutput = 2;
    public const int SoftAssignmentOutput = 3;


    /// <exception cref="ArgumentOutOfRangeException">The feature column is missing, not a known-size float vector, of another size than the network's input, or not of its image shape.</exception>
    public static AppendedSchema Create(DataViewSchema input, ClusteringColumnNames names, NetworkArchitecture architecture, int clusters)
    {
        var feature = InputColumn.Find(input, names.Features, architecture.InputSize);
        if (architecture.InputShapeProblem((VectorDataViewType)feature.Type) is { } problem)
            throw new ArgumentOutOfRangeException(nameof(input), $"Schema mismatch for input column '{names.Features}': {problem}.");
        uint setId = ScoreColumnAnnotations.NextSetId(input);
        var perCluster = new VectorDataViewType(NumberDataViewType.Single, clusters);
        var builder = new DataViewSchema.Builder();
        builder.AddColumns(input);
        builder.AddColumn(names.Score, perCluster, ScoreColumnAnnotations.Create(setId, ScoreColumnAnnotations.Clustering, "Score"));
        builder.AddColumn(names.PredictedLabel, new KeyDataViewType(typeof(uint), clusters), ScoreColumnAnnotations.Create(setId, ScoreColumnAnnotations.Clustering, "PredictedLabel"));
        builder.AddColumn(names.Latent, new VectorDataViewType(NumberDataViewType.Single, architecture.LatentDimension));
        if (names.SoftAssignment is { } soft)
            builder.AddColumn(soft, perCluster);
        return new AppendedSchema(input, builder.ToSchema(), [feature]);
    }
}
