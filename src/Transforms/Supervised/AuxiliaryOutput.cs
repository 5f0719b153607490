namespace MLNet.Autoencoders.Transforms.Supervised;

/// <summary>
/// What one auxiliary head of a supervised autoencoder predicts, and the columns it adds: for a key-typed target, a score
/// vector (class probabilities) and a predicted key, like the main label; for a <see cref="float"/> target, one predicted value
/// in the target's units (the head predicts the target standardised with <see cref="Mean"/> and <see cref="StandardDeviation"/>).
/// </summary>
/// <param name="TargetColumnName">The column the head was trained on (not needed at scoring).</param>
/// <param name="ScoreColumnName">The output column: the class probabilities (vector of <see cref="float"/>) or the predicted value (<see cref="float"/>).</param>
/// <param name="PredictedLabelColumnName">The predicted key column of a key-typed target; <see langword="null"/> for a <see cref="float"/> target.</param>
/// <param name="Classes">The classes of a key-typed target; <see langword="null"/> for a <see cref="float"/> target.</param>
/// <param name="Mean">The mean of a <see cref="float"/> target over its training values; 0 for a key-typed target.</param>
/// <param name="StandardDeviation">The standard deviation of a <see cref="float"/> target (1 if it was constant); 1 for a key-typed target.</param>
/// <param name="Head">The head's layers.</param>
public sealed record AuxiliaryOutput(string TargetColumnName, string ScoreColumnName, string? PredictedLabelColumnName, ClassLabels? Classes,
    float Mean, float StandardDeviation, HeadArchitecture Head)
{
    /// <summary>Whether the target is a key (classes) rather than a <see cref="float"/> value.</summary>
    public bool IsClassification => Classes is not null;

    /// <summary>The number of values the head outputs per row: the classes, or 1.</summary>
    internal int Width => Classes?.Count ?? 1;

    internal void Write(BinaryWriter writer)
    {
        writer.Write(TargetColumnName);
        writer.Write(ScoreColumnName);
        writer.Write(Classes is not null);
        if (Classes is not null)
        {
            writer.Write(PredictedLabelColumnName!);
            Classes.Write(writer);
        }
        writer.Write(Mean);
        writer.Write(StandardDeviation);
        Head.Write(writer);
    }

    internal static AuxiliaryOutput Read(BinaryReader reader, int latentDimension)
    {
        string target = SupervisedColumnNames.ReadName(reader);
        string score = SupervisedColumnNames.ReadName(reader);
        bool isClassification = reader.ReadBoolean();
        string? predicted = isClassification ? SupervisedColumnNames.ReadName(reader) : null;
        var classes = isClassification ? ClassLabels.Read(reader) : null;
        float mean = reader.ReadSingle(), deviation = reader.ReadSingle();
        if (!float.IsFinite(mean) || !(deviation > 0) || !float.IsFinite(deviation))
            throw new InvalidDataException($"The model's auxiliary target '{target}' has mean {mean} and standard deviation {deviation}; expected finite values and a positive deviation.");
        var head = HeadArchitecture.Read(reader, latentDimension);
        var output = new AuxiliaryOutput(target, score, predicted, classes, mean, deviation, head);
        if (head.OutputSize != output.Width)
            throw new InvalidDataException($"The model's head for '{target}' has {head.OutputSize} outputs; expected {output.Width}.");
        return output;
    }
}
