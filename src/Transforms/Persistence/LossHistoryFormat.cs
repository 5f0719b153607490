using System.Collections.Immutable;

namespace MLNet.Autoencoders.Transforms.Persistence;

/// <summary>Writes and reads the per-epoch loss history kept in a saved model.</summary>
internal static class LossHistoryFormat
{
    private const int MaxEpochs = 10_000_000;
    private const int MaxTerms = 64;

    public static void Write(BinaryWriter writer, IReadOnlyList<EpochLoss> history)
    {
        writer.Write(history.Count);
        foreach (var epoch in history)
        {
            writer.Write(epoch.Epoch);
            writer.Write(epoch.TrainingLoss);
            writer.Write(epoch.ValidationLoss.HasValue);
            writer.Write(epoch.ValidationLoss ?? 0);
            writer.Write(epoch.Elapsed.Ticks);
            writer.Write(epoch.TrainingTerms.Count);
            foreach (var (name, value) in epoch.TrainingTerms)
            {
                writer.Write(name);
                writer.Write(value);
            }
        }
    }

    public static IReadOnlyList<EpochLoss> Read(BinaryReader reader)
    {
        int count = reader.ReadInt32();
        if (count is < 0 or > MaxEpochs)
            throw new InvalidDataException($"The model's loss history declares {count} epochs.");
        var history = new EpochLoss[count];
        for (int i = 0; i < count; i++)
        {
            int epoch = reader.ReadInt32();
            double training = reader.ReadDouble();
            bool hasValidation = reader.ReadBoolean();
            double validation = reader.ReadDouble();
            long ticks = reader.ReadInt64();
            history[i] = new EpochLoss(epoch, training, hasValidation ? validation : null, TimeSpan.FromTicks(ticks))
            {
                TrainingTerms = ReadTerms(reader),
            };
        }
        return history;
    }

    private static ImmutableSortedDictionary<string, double> ReadTerms(BinaryReader reader)
    {
        int count = reader.ReadInt32();
        if (count is < 0 or > MaxTerms)
            throw new InvalidDataException($"The model's loss history declares {count} loss terms for one epoch.");
        var terms = ImmutableSortedDictionary.CreateBuilder<string, double>(StringComparer.Ordinal);
        for (int i = 0; i < count; i++)
            terms[reader.ReadString()] = reader.ReadDouble();
        return terms.ToImmutable();
    }
}
