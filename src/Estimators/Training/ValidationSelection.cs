using Microsoft.ML.Data;

namespace MLNet.Autoencoders.Estimators.Training;

/// <summary>
/// Which rows of a streamed data view are held out for validation, decided from each row's id and the seed alone,
/// so that every pass over the view (shuffled or not) agrees without keeping a list of rows: a row is a validation row
/// when its seeded 64-bit hash is at most <see cref="Cutoff"/>.
/// </summary>
internal readonly record struct ValidationSelection(int Seed, ulong Cutoff)
{
    /// <summary>The hash below which a row is a validation candidate, for a fraction of the rows.</summary>
    public static ulong Threshold(double fraction) => fraction <= 0 ? 0 : (ulong)Math.Min(fraction * 18446744073709551616.0, ulong.MaxValue);

    public bool Contains(DataViewRowId id) => Hash(Seed, id) <= Cutoff;

    /// <summary>SplitMix64-style mixing of the row id with the seed.</summary>
    public static ulong Hash(int seed, DataViewRowId id)
    {
        ulong h = Mix(id.Low ^ Mix(id.High ^ Mix((ulong)(uint)seed + 0x632BE59BD9B4E019UL)));
        return h;
    }

    private static ulong Mix(ulong z)
    {
        z += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
