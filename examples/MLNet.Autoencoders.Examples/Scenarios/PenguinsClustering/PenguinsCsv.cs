using System.Globalization;

namespace MLNet.Autoencoders.Examples.Scenarios.PenguinsClustering;

/// <summary>Reads <c>penguins.csv</c> (the palmerpenguins package's export).</summary>
internal static class PenguinsCsv
{
    /// <summary>
    /// Reads every penguin whose four measurements are all present. Missing values are empty fields or
    /// <c>NA</c>; <paramref name="dropped"/> counts the rows skipped for them.
    /// </summary>
    public static List<Penguin> Load(string path, out int dropped)
    {
        using var lines = File.ReadLines(path).GetEnumerator();
        if (!lines.MoveNext())
            throw new InvalidDataException($"'{path}' is empty: expected a header line.");
        string[] header = lines.Current.Split(',');
        int Column(string name) => Array.IndexOf(header, name) is var i and >= 0
            ? i
            : throw new InvalidDataException($"'{path}' has no '{name}' column. Its columns are: {string.Join(", ", header)}.");
        int species = Column("species"), billLength = Column("bill_length_mm"), billDepth = Column("bill_depth_mm");
        int flipper = Column("flipper_length_mm"), mass = Column("body_mass_g");

        var penguins = new List<Penguin>();
        dropped = 0;
        while (lines.MoveNext())
        {
            if (string.IsNullOrWhiteSpace(lines.Current))
                continue;
            string[] fields = lines.Current.Split(',');
            float?[] measurements = [Parse(fields[billLength]), Parse(fields[billDepth]), Parse(fields[flipper]), Parse(fields[mass])];
            if (measurements.Any(m => m is null))
            {
                dropped++;
                continue;
            }
            penguins.Add(new Penguin
            {
                Species = fields[species],
                BillLength = measurements[0]!.Value,
                BillDepth = measurements[1]!.Value,
                Flipper = measurements[2]!.Value,
                Mass = measurements[3]!.Value,
            });
        }
        return penguins;
    }

    private static float? Parse(string field) =>
        field is "" or "NA" ? null : float.Parse(field, CultureInfo.InvariantCulture);
}
