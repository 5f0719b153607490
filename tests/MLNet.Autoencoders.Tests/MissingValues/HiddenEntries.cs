using MLNet.Autoencoders.Tests.TestData;

namespace MLNet.Autoencoders.Tests.MissingValues;

/// <summary>
/// <see cref="ManifoldData"/> rows with a random fraction of their entries hidden (set to NaN), and the truth, so that an
/// imputation can be scored on exactly the hidden entries.
/// </summary>
internal sealed class HiddenEntries
{
    public HiddenEntries(int rowCount, double fraction, int seed = 5)
    {
        Truth = ManifoldData.Rows(rowCount);
        var random = new Random(seed);
        Hidden = Truth.Select(r => r.Features.Select(_ => random.NextDouble() < fraction).ToArray()).ToArray();
        Masked = Truth.Select((r, i) => new ManifoldRow
        {
            Features = r.Features.Select((v, j) => Hidden[i][j] ? float.NaN : v).ToArray(),
            Label = r.Label,
            Name = r.Name,
        }).ToArray();
    }

    public ManifoldRow[] Truth { get; }

    public ManifoldRow[] Masked { get; }

    public bool[][] Hidden { get; }

    /// <summary>The root mean squared difference between <paramref name="filled"/> and the truth over the hidden entries.</summary>
    public double HiddenRmse(float[][] filled)
    {
        double sum = 0;
        int count = 0;
        for (int i = 0; i < Truth.Length; i++)
        {
            for (int j = 0; j < ManifoldData.FeatureCount; j++)
            {
                if (!Hidden[i][j])
                    continue;
                double difference = filled[i][j] - Truth[i].Features[j];
                sum += difference * difference;
                count++;
            }
        }
        return Math.Sqrt(sum / count);
    }
}
