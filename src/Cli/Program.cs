using MLNet.Autoencoders.Cli;

using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    // Let the running command stop at its next check and clean up, rather than killing the process.
    e.Cancel = true;
    cancellation.Cancel();
};
// Live progress and drawn tables only on a terminal: redirected output (a file, a pipe, CI) gets plain lines.
return CliApp.Run(args, Console.Out, Console.Error, cancellation.Token, isTerminal: !Console.IsOutputRedirected);
