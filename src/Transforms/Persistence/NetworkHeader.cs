using MLNet.Autoencoders.Transforms.Networks;
using MLNet.Autoencoders.Transforms.Scoring;

namespace MLNet.Autoencoders.Transforms.Persistence;

/// <summary>The part every saved network model writes alike: the network's architecture, the input scaling and the scoring batch size.</summary>
internal static class NetworkHeader
{
    public static void Write(BinaryWriter writer, NetworkArchitecture architecture, FeatureScaler scaler, int scoringBatchSize)
    {
        architecture.Write(writer);
        scaler.Write(writer);
        writer.Write(scoringBatchSize);
    }

    /// <param name="reader">The model's reader.</param>
    /// <param name="scalesOutput">
    /// Whether the stored scaling is the decoder's output's (a decoder of a network with a paired target stores the target's
    /// scaling, of <see cref="NetworkArchitecture.OutputSize"/> features) rather than the input's.
    /// </param>
    /// <exception cref="InvalidDataException">A value is out of range.</exception>
    public static (NetworkArchitecture Architecture, FeatureScaler Scaler, int ScoringBatchSize) Read(BinaryReader reader, bool scalesOutput = false)
    {
        var architecture = NetworkArchitecture.Read(reader);
        var scaler = FeatureScaler.Read(reader, scalesOutput ? architecture.OutputSize : architecture.InputSize);
        int batchSize = reader.ReadInt32();
        if (batchSize <= 0)
            throw new InvalidDataException($"The model's scoring batch size is {batchSize}; expected a positive number.");
        return (architecture, scaler, batchSize);
    }
}
