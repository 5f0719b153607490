using Microsoft.ML;
using Microsoft.ML.Runtime;

namespace MLNet.Autoencoders.Estimators.Training;

/// <summary>Whether a fit reads its rows into memory or streams them, for every estimator that has a <see cref="TrainingDataMode"/>.</summary>
internal static class DataModeChoice
{
    /// <summary>
    /// Whether <paramref name="mode"/> asks for streaming, or, for <see cref="TrainingDataMode.Auto"/>, whether the rows the view
    /// reports would take more than <paramref name="budgetMegabytes"/> in memory (<paramref name="copies"/> floats per value).
    /// </summary>
    public static bool UsesStreaming(IDataView input, TrainingDataMode mode, int budgetMegabytes, int inputSize, int copies, IChannel channel, string component)
    {
        if (mode != TrainingDataMode.Auto)
            return mode == TrainingDataMode.Streaming;
        if (input.GetRowCount() is not { } rows)
            return false;
        double megabytes = (double)rows * inputSize * sizeof(float) * copies / (1024 * 1024);
        if (megabytes <= budgetMegabytes)
            return false;
        channel.Info(MessageSensitivity.None, $"{component}: the {rows:N0} training rows would take {megabytes:N0} MB in memory, over the {budgetMegabytes:N0} MB budget; streaming them from the data view each epoch.");
        return true;
    }
}
