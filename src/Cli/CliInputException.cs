namespace MLNet.Autoencoders.Cli;

/// <summary>A problem with the user's input that they can fix; printed without a stack trace, exit code <see cref="ExitCodes.BadInput"/>.</summary>
internal sealed class CliInputException(string message, Exception? inner = null) : Exception(message, inner);
