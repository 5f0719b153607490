using System.Runtime.InteropServices;

namespace MLNet.Autoencoders.Transforms;

/// <summary>
/// Turns an error raised inside libtorch into a managed exception that says what the library was doing, with the
/// native text (often a 2,000-character C++ stack trace) kept as the inner exception.
/// </summary>
internal static class LibTorchFailure
{
    private const int MaximumNativeSummary = 200;

    /// <summary>An <see cref="InvalidOperationException"/> for <paramref name="native"/>, raised while <paramref name="doing"/>.</summary>
    /// <param name="native">What TorchSharp threw.</param>
    /// <param name="doing">What the library was doing, e.g. "Training 6-12-2-12-6 (Relu), epoch 3, batch 17".</param>
    public static InvalidOperationException Wrap(ExternalException native, string doing) =>
        new($"{doing}: libtorch failed ({Summary(native.Message)}). This is an error in the native library or in how it was " +
            "called, not in your data; the full native message is the inner exception. Please report it with the options used.", native);

    private static string Summary(string message)
    {
        string first = message.Split('\n', 2)[0].Trim();
        return first.Length <= MaximumNativeSummary ? first : first[..MaximumNativeSummary] + "...";
    }
}
