using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLNet.Autoencoders.Tests.Clustering;

/// <summary>
/// Well-separated Gaussian blobs in 8 dimensions: <c>clusters</c> centres drawn in [-6, 6]^8, rows around them with unit
/// spread, in a seeded random order. "Features" is the row, "Label" its blob (as float, 0-based), for Evaluate.
/// </summary>
internal static class ClusteredBlobs
{
    public const int Dimensions = 8;

    public static IDataView Load(MLContext ml, int rowsPerCluster = 60, int clusters = 3, int seed = 7) =>
        ml.Data.LoadFromEnumerable(Rows(rowsPerCluster, clusters, seed));

    public static List<BlobRow> Rows(int rowsPerCluster, int clusters, int seed)
    {
        var random = new Random(seed);
        var centres = Enumerable.Range(0, clusters).Select(_ => Enumerable.Range(0, Dimensions).Select(_ => random.NextSingle() * 12 - 6).ToArray()).ToArray();
        var rows = new List<BlobRow>();
        for (int c = 0; c < clusters; c++)
        {
            for (int i = 0; i < rowsPerCluster; i++)
                rows.Add(new BlobRow { Label = c, Features = centres[c].Select(x => x + Gaussian(random)).ToArray() });
        }
        return [.. rows.OrderBy(_ => random.Next())];
    }

    private static float Gaussian(Random random) =>
        (float)(Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble()));

    public sealed class BlobRow
    {
        public float Label { get; set; }

        [VectorType(Dimensions)]
        public float[] Features { get; set; } = [];
    }
}
