namespace MLNet.Autoencoders.Tests.Persistence;

/// <summary>
/// ML.NET calls loaders through reflection, so a loader's exception reaches the caller of
/// <c>mlContext.Model.Load</c> wrapped in one TargetInvocationException per nesting level.
/// </summary>
internal static class ExceptionChain
{
    public static IEnumerable<Exception> Of(Exception exception)
    {
        for (Exception? current = exception; current is not null; current = current.InnerException)
            yield return current;
    }

    /// <summary>The first exception of type <typeparamref name="T"/> in the chain, or a failed assertion listing the chain.</summary>
    public static T Find<T>(Exception exception) where T : Exception =>
        Of(exception).OfType<T>().FirstOrDefault()
        ?? throw new AssertFailedException($"Expected a {typeof(T).Name} in the exception chain, got:\n{Describe(exception)}");

    public static string Describe(Exception exception) =>
        string.Join("\n", Of(exception).Select(e => $"{e.GetType().FullName}: {e.Message}"));
}
