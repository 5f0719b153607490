using System.Globalization;

namespace MLNet.Autoencoders.Estimators.Training;

/// <summary>
/// Checks, at <c>Fit</c> when the row width is known, that the buffers sized by row-count options fit in one .NET array
/// (<see cref="Array.MaxLength"/> values): otherwise the size overflows int and the user sees a bare
/// <see cref="OverflowException"/>, at <c>Fit</c> or only later at <c>Transform</c>.
/// </summary>
internal static class BufferLimits
{
    /// <summary>
    /// The fitted transformer's scoring buffers hold <paramref name="scoringBatchSize"/> rows of up to <paramref name="rowValues"/>
    /// values (the widest of the input, the latent code and the reconstruction).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">They would not fit; the message names ScoringBatchSize and the most rows that fit.</exception>
    public static void RequireScoringBatch(int scoringBatchSize, int rowValues, string option = "ScoringBatchSize") =>
        Require(option, scoringBatchSize, rowValues, "scoring buffers", "values");

    /// <summary>Streaming training's shuffle buffer holds <paramref name="bufferRows"/> rows of <paramref name="featureCount"/> features.</summary>
    /// <exception cref="ArgumentOutOfRangeException">It would not fit; the message names StreamingBufferRows and the most rows that fit.</exception>
    public static void RequireStreamingBuffer(int bufferRows, int featureCount, string option = "StreamingBufferRows") =>
        Require(option, bufferRows, featureCount, "streaming shuffle buffer", "features");

    private static void Require(string option, int rows, int rowValues, string buffer, string what)
    {
        long values = (long)rows * rowValues;
        if (values <= Array.MaxLength)
            return;
        throw new ArgumentOutOfRangeException(option, rows, string.Create(CultureInfo.InvariantCulture,
            $"'{option}' must be at most {Array.MaxLength / rowValues:N0} rows here: the {buffer} would hold {rows:N0} rows of {rowValues:N0} {what}, " +
            $"{values:N0} values, more than the {Array.MaxLength:N0} one .NET array holds. Got {rows}."));
    }
}
