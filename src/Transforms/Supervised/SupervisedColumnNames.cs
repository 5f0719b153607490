namespace MLNet.Autoencoders.Transforms.Supervised;

/// <summary>The columns a supervised autoencoder reads and adds, besides its auxiliary targets' (see <see cref="AuxiliaryOutput"/>).</summary>
/// <param name="Autoencoder">The feature column and the latent, reconstruction and reconstruction-error columns.</param>
/// <param name="Label">The key-typed label column it was trained on (read by <c>Evaluate</c>, not by scoring).</param>
/// <param name="Score">The class probabilities: a vector of <see cref="float"/> with one slot per class, named after the classes.</param>
/// <param name="PredictedLabel">The most probable class: a key of the label's type, with the label's key values.</param>
public sealed record SupervisedColumnNames(AutoencoderColumnNames Autoencoder, string Label, string Score, string PredictedLabel)
{
    /// <summary>The output column names in the order the columns are added, before the auxiliary targets'.</summary>
    public IReadOnlyList<string> Outputs => [Score, PredictedLabel, Autoencoder.Latent, Autoencoder.Reconstruction, Autoencoder.ReconstructionError];

    internal void Write(BinaryWriter writer)
    {
        Autoencoder.Write(writer);
        writer.Write(Label);
        writer.Write(Score);
        writer.Write(PredictedLabel);
    }

    internal static SupervisedColumnNames Read(BinaryReader reader) =>
        new(AutoencoderColumnNames.Read(reader), ReadName(reader), ReadName(reader), ReadName(reader));

    internal static string ReadName(BinaryReader reader)
    {
        string name = reader.ReadString();
        if (string.IsNullOrWhiteSpace(name))
            throw new InvalidDataException("The model holds an empty column name.");
        return name;
    }
}
