using MLNet.Autoencoders.Transforms;

namespace MLNet.Autoencoders.Cli;

/// <summary>Prints each epoch's loss as the library reports it through <c>EpochCompleted</c>.</summary>
internal static class TrainingProgress
{
    public static Action<EpochLoss> PrintTo(TextWriter output) => loss => output.WriteLine("  " + loss);
}
