using System.Globalization;
using MLNet.Autoencoders.Transforms;
using Spectre.Console;

namespace MLNet.Autoencoders.Cli;

/// <summary>The text beside a network's progress bar: where it is and its latest losses, as the library reports them through <c>EpochCompleted</c>.</summary>
internal static class TrainingProgress
{
    /// <returns>Spectre.Console markup (escaped), e.g. "Network 2/5  epoch 12/200  loss 0.1234  validation 0.1456".</returns>
    public static string Describe(int network, int networks, int epochs, EpochLoss? loss)
    {
        var name = networks == 1 ? "" : $"Network {network}/{networks}";
        // Before its first epoch a network's epoch limit may not be known yet (the detector cuts it on large data).
        if (loss is null)
            return networks == 1 ? "Training" : name;
        var text = (networks == 1 ? "" : name + "  ") + string.Create(CultureInfo.InvariantCulture, $"epoch {loss.Epoch}/{epochs}  loss {loss.TrainingLoss:G4}");
        if (loss.ValidationLoss is { } validation)
            text += string.Create(CultureInfo.InvariantCulture, $"  validation {validation:G4}");
        return Markup.Escape(text);
    }
}
