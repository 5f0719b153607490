namespace MLNet.Autoencoders.Transforms.AnomalyDetection;

/// <summary>The names of the column an autoencoder anomaly detector reads and of the columns it adds.</summary>
/// <param name="Features">The known-size vector of <see cref="float"/> the networks reconstruct.</param>
/// <param name="Score">The anomaly score: a <see cref="float"/>, higher is more anomalous.</param>
/// <param name="PredictedLabel">Whether the row is flagged as an anomaly: a <see cref="bool"/>, <c>Score &gt; Threshold</c>.</param>
/// <param name="FeatureErrors">The per-feature reconstruction errors, a vector of <see cref="float"/> of the input's size,
/// or <see langword="null"/> when the column is not produced.</param>
public sealed record AnomalyColumnNames(string Features, string Score, string PredictedLabel, string? FeatureErrors)
{
    /// <summary>The output column names in the order the columns are added.</summary>
    public IReadOnlyList<string> Outputs => FeatureErrors is null ? [Score, PredictedLabel] : [Score, PredictedLabel, FeatureErrors];

    internal void Write(BinaryWriter writer)
    {
        writer.Write(Features);
        writer.Write(Score);
        writer.Write(PredictedLabel);
        writer.Write(FeatureErrors is not null);
        writer.Write(FeatureErrors ?? "");
    }

    internal static AnomalyColumnNames Read(BinaryReader reader)
    {
        string features = ReadName(reader), score = ReadName(reader), predictedLabel = ReadName(reader);
        bool hasErrors = reader.ReadBoolean();
        string errors = reader.ReadString();
        return new AnomalyColumnNames(features, score, predictedLabel, hasErrors ? RequireName(errors) : null);
    }

    private static string ReadName(BinaryReader reader) => RequireName(reader.ReadString());

    private static string RequireName(string name) => string.IsNullOrWhiteSpace(name)
        ? throw new InvalidDataException("The model holds an empty column name.")
        : name;
}
