using Microsoft.ML;
using Microsoft.ML.Data;
using MLNet.Autoencoders.Transforms.DataView;
using MLNet.Autoencoders.Transforms.Networks;

namespace MLNet.Autoencoders.Transforms.Supervised;

/// <summary>What a computed column of a supervised autoencoder holds.</summary>
internal enum SupervisedOutputKind
{
    Score,
    PredictedLabel,
    Latent,
    Reconstruction,
    ReconstructionError,
    AuxiliaryScore,
    AuxiliaryPredictedLabel,
    AuxiliaryValue,
}

/// <summary>One computed column: what it holds and, for an auxiliary target's column, which target (-1 otherwise).</summary>
internal readonly record struct SupervisedOutput(SupervisedOutputKind Kind, int Auxiliary = -1);

/// <summary>
/// The output schema of an <see cref="AutoencoderMulticlassTransformer"/>: every input column, then Score and PredictedLabel
/// with the annotations ML.NET's multiclass scorers write (a score column set of kind "MulticlassClassification", the classes
/// as the score's slot names and as the predicted key's key values, so that <c>Evaluate</c> and <c>MapKeyToValue</c> work),
/// then Latent, Reconstruction and ReconstructionError, then each auxiliary target's columns.
/// </summary>
internal sealed class SupervisedSchema
{
    private readonly SupervisedOutput[] outputs;

    private SupervisedSchema(AppendedSchema appended, DataViewSchema.Column feature, SupervisedOutput[] outputs)
    {
        Appended = appended;
        Feature = feature;
        this.outputs = outputs;
    }

    public AppendedSchema Appended { get; }

    /// <summary>The input column the network reads.</summary>
    public DataViewSchema.Column Feature { get; }

    /// <summary>What computed column <paramref name="computedIndex"/> holds.</summary>
    public SupervisedOutput Output(int computedIndex) => outputs[computedIndex];

    /// <exception cref="ArgumentOutOfRangeException">The feature column is missing, not a known-size float vector of the model's size, or not of its image shape.</exception>
    public static SupervisedSchema Create(DataViewSchema input, SupervisedColumnNames names, NetworkArchitecture architecture,
        ClassLabels classes, IReadOnlyList<AuxiliaryOutput> auxiliaries)
    {
        var ae = names.Autoencoder;
        var feature = InputColumn.Find(input, ae.Input, architecture.InputSize);
        if (architecture.InputShapeProblem((VectorDataViewType)feature.Type) is { } problem)
            throw new ArgumentOutOfRangeException(nameof(input), $"Schema mismatch for input column '{ae.Input}': {problem}.");
        var builder = new DataViewSchema.Builder();
        builder.AddColumns(input);
        var outputs = new List<SupervisedOutput>();
        uint setId = ScoreColumnAnnotations.NextSetId(input);
        AddClassification(builder, names.Score, names.PredictedLabel, classes, setId);
        outputs.Add(new(SupervisedOutputKind.Score));
        outputs.Add(new(SupervisedOutputKind.PredictedLabel));
        builder.AddColumn(ae.Latent, new VectorDataViewType(NumberDataViewType.Single, architecture.LatentDimension));
        builder.AddColumn(ae.Reconstruction, new VectorDataViewType(NumberDataViewType.Single, architecture.InputSize), feature.Annotations);
        builder.AddColumn(ae.ReconstructionError, NumberDataViewType.Single);
        outputs.Add(new(SupervisedOutputKind.Latent));
        outputs.Add(new(SupervisedOutputKind.Reconstruction));
        outputs.Add(new(SupervisedOutputKind.ReconstructionError));
        for (int i = 0; i < auxiliaries.Count; i++)
        {
            var auxiliary = auxiliaries[i];
            uint auxiliarySetId = checked(setId + 1 + (uint)i);
            if (auxiliary.Classes is { } auxiliaryClasses)
            {
                AddClassification(builder, auxiliary.ScoreColumnName, auxiliary.PredictedLabelColumnName!, auxiliaryClasses, auxiliarySetId);
                outputs.Add(new(SupervisedOutputKind.AuxiliaryScore, i));
                outputs.Add(new(SupervisedOutputKind.AuxiliaryPredictedLabel, i));
            }
            else
            {
                var annotations = new DataViewSchema.Annotations.Builder();
                ScoreColumnAnnotations.Add(annotations, auxiliarySetId, ScoreColumnAnnotations.Regression, "Score");
                builder.AddColumn(auxiliary.ScoreColumnName, NumberDataViewType.Single, annotations.ToAnnotations());
                outputs.Add(new(SupervisedOutputKind.AuxiliaryValue, i));
            }
        }
        return new SupervisedSchema(new AppendedSchema(input, builder.ToSchema(), [feature]), feature, outputs.ToArray());
    }

    private static void AddClassification(DataViewSchema.Builder builder, string score, string predictedLabel, ClassLabels classes, uint setId)
    {
        var scoreAnnotations = new DataViewSchema.Annotations.Builder();
        ScoreColumnAnnotations.Add(scoreAnnotations, setId, ScoreColumnAnnotations.MulticlassClassification, "Score");
        classes.AddSlotNames(scoreAnnotations);
        builder.AddColumn(score, new VectorDataViewType(NumberDataViewType.Single, classes.Count), scoreAnnotations.ToAnnotations());
        var labelAnnotations = new DataViewSchema.Annotations.Builder();
        ScoreColumnAnnotations.Add(labelAnnotations, setId, ScoreColumnAnnotations.MulticlassClassification, "PredictedLabel");
        classes.AddKeyValues(labelAnnotations);
        builder.AddColumn(predictedLabel, classes.KeyType, labelAnnotations.ToAnnotations());
    }
}
