namespace MLNet.Autoencoders.Tests.Reliability;

/// <summary>Exception assertions that also check the message: the column or option, the rule and the values.</summary>
internal static class Expect
{
    /// <summary>Asserts that <paramref name="action"/> throws exactly <typeparamref name="T"/> with every fragment in its message.</summary>
    public static T Throws<T>(Action action, params string[] fragments) where T : Exception
    {
        var exception = Assert.ThrowsExactly<T>(action);
        foreach (string fragment in fragments)
            Assert.Contains(fragment, exception.Message);
        return exception;
    }
}
