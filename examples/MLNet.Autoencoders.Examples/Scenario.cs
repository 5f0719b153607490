using MLNet.Autoencoders.Examples.Shared;

namespace MLNet.Autoencoders.Examples;

/// <summary>One runnable example: a name to pick it by on the command line, a one-line summary and its entry point, which runs at the given size.</summary>
internal sealed record Scenario(string Name, string Summary, Action<RunSize> Run);
