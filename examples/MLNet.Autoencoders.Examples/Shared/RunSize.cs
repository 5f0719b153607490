namespace MLNet.Autoencoders.Examples.Shared;

/// <summary>
/// How large a scenario runs. <see cref="Full"/> is the run the README describes. <see cref="Smoke"/> (the <c>--smoke</c>
/// switch) is what CI runs: at most <see cref="SmokeRows"/> rows and <see cref="SmokeEpochs"/> epochs, seconds per
/// scenario, to catch exceptions and diverging losses in every scenario; its numbers mean nothing.
/// </summary>
/// <param name="IsSmoke">Whether this is the smoke size.</param>
internal sealed record RunSize(bool IsSmoke)
{
    /// <summary>The most rows (or days, or images) a smoke run uses per data set.</summary>
    public const int SmokeRows = 300;

    /// <summary>The most epochs a smoke run trains.</summary>
    public const int SmokeEpochs = 2;

    /// <summary>The run the README describes.</summary>
    public static RunSize Full { get; } = new(false);

    /// <summary>The tiny run CI uses.</summary>
    public static RunSize Smoke { get; } = new(true);

    /// <summary><paramref name="full"/>, or at most <see cref="SmokeEpochs"/> in a smoke run.</summary>
    public int Epochs(int full) => IsSmoke ? Math.Min(full, SmokeEpochs) : full;

    /// <summary><paramref name="full"/>, or at most <see cref="SmokeRows"/> in a smoke run.</summary>
    public int Rows(int full) => IsSmoke ? Math.Min(full, SmokeRows) : full;

    /// <summary><paramref name="rows"/>, or its first <see cref="SmokeRows"/> in a smoke run.</summary>
    public T[] Take<T>(T[] rows) => rows[..Rows(rows.Length)];
}
