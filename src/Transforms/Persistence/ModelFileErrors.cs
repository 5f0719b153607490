using System.Runtime.InteropServices;

namespace MLNet.Autoencoders.Transforms.Persistence;

/// <summary>The exceptions model loading raises, worded once.</summary>
internal static class ModelFileErrors
{
    // Set on exceptions built here, so an outer catch does not wrap them a second time.
    private const string ReportedKey = "MLNet.Autoencoders.ModelFileError";

    /// <summary>
    /// Whether <paramref name="exception"/> is what reading damaged or foreign bytes raises (as opposed to a bug
    /// or a cancellation) and has not been reported by this class already.
    /// </summary>
    public static bool IsCorruption(Exception exception) =>
        !exception.Data.Contains(ReportedKey)
        && exception is not ArgumentNullException  // a bug in the loader, not damaged data
        && exception is IOException            // includes EndOfStreamException
            or InvalidDataException
            or FormatException
            or OverflowException
            or ArgumentException               // e.g. a negative length passed to ReadBytes, bad UTF-8
            or IndexOutOfRangeException
            or InvalidCastException
            or OutOfMemoryException            // a garbage length that asks for a huge array
            or ExternalException;              // a native library rejecting the bytes

    /// <summary>"The model file is corrupt: could not read &lt;where&gt; of the MLNet.Autoencoders component 'kind' (format version n). &lt;cause&gt;"</summary>
    public static InvalidDataException Corrupt(string kind, int formatVersion, string where, Exception inner) =>
        Corrupt($"Could not read {where} of the MLNet.Autoencoders component '{kind}' (format version {formatVersion})", inner);

    /// <summary>"The model file is corrupt: &lt;problem&gt;. &lt;cause&gt;"</summary>
    public static InvalidDataException Corrupt(string problem, Exception? inner)
    {
        string cause = inner is null ? "" : " " + Describe(inner);
        return Mark(new InvalidDataException($"The model file is corrupt: {problem}.{cause}", inner));
    }

    /// <summary>An entry that the component's loader needs is absent from the model's zip directory.</summary>
    public static InvalidDataException MissingEntry(string kind, string entryName) => Mark(new InvalidDataException(
        $"The model file is corrupt: the MLNet.Autoencoders component '{kind}' needs the entry '{entryName}', which is missing."));

    /// <summary>The main stream names a kind that the dispatch table does not hold.</summary>
    public static InvalidDataException UnknownKind(string kind, IEnumerable<string> knownKinds)
    {
        string known = string.Join(", ", knownKinds.Order(StringComparer.Ordinal));
        return Mark(new InvalidDataException(
            $"Model file holds an MLNet.Autoencoders component of kind '{kind}' that this version does not know. " +
            $"Known kinds: {(known.Length == 0 ? "none" : known)}."));
    }

    private static string Describe(Exception inner) => inner switch
    {
        EndOfStreamException => "The data ends early.",
        _ => inner.Message,
    };

    private static InvalidDataException Mark(InvalidDataException exception)
    {
        exception.Data[ReportedKey] = true;
        return exception;
    }
}
