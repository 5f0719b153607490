namespace MLNet.Autoencoders.Cli;

/// <summary>The tool's exit codes, as documented in <c>--help</c>.</summary>
internal static class ExitCodes
{
    /// <summary>Success.</summary>
    public const int Ok = 0;

    /// <summary>Bad input: a missing or unreadable file, no numeric column, no rows, a bad label column, a file that is not a model.</summary>
    public const int BadInput = 1;

    /// <summary>Usage error: an unknown command or option, a missing argument, a value of the wrong type.</summary>
    public const int Usage = 2;

    /// <summary>Cancelled with Ctrl+C (128 + SIGINT); nothing half-written is left behind.</summary>
    public const int Cancelled = 130;
}
