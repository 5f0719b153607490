namespace MLNet.Autoencoders.Transforms.Clustering;

/// <summary>The names of the column an autoencoder clustering model reads and of the columns it adds.</summary>
/// <param name="Features">The known-size vector of <see cref="float"/> the encoder reads.</param>
/// <param name="Score">The squared Euclidean distance, in the latent space, from the row's code to each cluster centre: a vector of <see cref="float"/> of size k.</param>
/// <param name="PredictedLabel">The nearest centre: a key of k values (1-based cluster ids; 0 for a row that cannot be encoded).</param>
/// <param name="Latent">The row's latent code, a vector of <see cref="float"/> of the latent size.</param>
/// <param name="SoftAssignment">The Student-t soft assignment to each cluster (a vector of <see cref="float"/> of size k summing to 1),
/// or <see langword="null"/> when the column is not produced.</param>
public sealed record ClusteringColumnNames(string Features, string Score, string PredictedLabel, string Latent, string? SoftAssignment)
{
    /// <summary>The output column names in the order the columns are added.</summary>
    public IReadOnlyList<string> Outputs => SoftAssignment is null ? [Score, PredictedLabel, Latent] : [Score, PredictedLabel, Latent, SoftAssignment];

    internal void Write(BinaryWriter writer)
    {
        writer.Write(Features);
        writer.Write(Score);
        writer.Write(PredictedLabel);
        writer.Write(Latent);
        writer.Write(SoftAssignment is not null);
        writer.Write(SoftAssignment ?? "");
    }

    internal static ClusteringColumnNames Read(BinaryReader reader)
    {
        string features = ReadName(reader), score = ReadName(reader), predictedLabel = ReadName(reader), latent = ReadName(reader);
        bool hasSoft = reader.ReadBoolean();
        string soft = reader.ReadString();
        return new ClusteringColumnNames(features, score, predictedLabel, latent, hasSoft ? RequireName(soft) : null);
    }

    private static string ReadName(BinaryReader reader) => RequireName(reader.ReadString());

    private static string RequireName(string name) => string.IsNullOrWhiteSpace(name)
        ? throw new InvalidDataException("The model holds an empty column name.")
        : name;
}
