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

    /// <exception cref="InvalidDataException">A value is out of range.</exception>
    public static (NetworkArchitecture Architecture, FeatureScaler Scaler, int ScoringBatchSize) Read(BinaryReader reader)
    {
        var architecture = NetworkArchitecture.Read(reader);
        var scaler = FeatureScaler.Read(reader, architecture.InputSize);
        int batchSize = reader.ReadInt32();
        if (batchSize <= 0)
            throw new InvalidDataException($"The model's scoring batch size is {batchSize}; expected a positive number.");
        return (architecture, scaler, batchSize);
    }
}
