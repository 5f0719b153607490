using System.IO.Compression;

namespace MLNet.Autoencoders.Benchmarks;

/// <summary>Fashion-MNIST images as rows of 784 floats in [0, 1]: a training set and a test set.</summary>
internal sealed record Workload(float[] Train, int TrainRows, float[] Test, int TestRows, string Source)
{
    public const int Pixels = 784;
    private const string DebianFolder = "/usr/share/datasets/fashion-mnist";

    public long TrainBytes => (long)Train.Length * sizeof(float);

    /// <summary>
    /// The full 60,000 + 10,000 images from Debian's dataset-fashion-mnist package when it is installed
    /// (<c>sudo apt-get install dataset-fashion-mnist</c>), else the 2,000-image sample shipped with the
    /// examples, split 1,600 / 400. <paramref name="maxTrainRows"/> caps the training rows.
    /// </summary>
    public static Workload Load(int maxTrainRows)
    {
        string trainPath = Path.Combine(DebianFolder, "train-images-idx3-ubyte.gz");
        string testPath = Path.Combine(DebianFolder, "t10k-images-idx3-ubyte.gz");
        if (File.Exists(trainPath) && File.Exists(testPath))
        {
            var (train, trainRows) = ReadIdxImages(trainPath, maxTrainRows);
            var (test, testRows) = ReadIdxImages(testPath, int.MaxValue);
            return new Workload(train, trainRows, test, testRows, $"Fashion-MNIST from {DebianFolder} (dataset-fashion-mnist)");
        }

        string sample = Path.Combine(AppContext.BaseDirectory, "Data", "fashion-mnist-test-first2000.csv");
        var all = File.ReadLines(sample).Skip(1)
            .SelectMany(line => line.Split(',').Skip(1).Select(p => float.Parse(p) / 255f))
            .ToArray();
        int rows = all.Length / Pixels;
        int trainCount = Math.Min(maxTrainRows, rows * 4 / 5);
        return new Workload(all[..(trainCount * Pixels)], trainCount, all[(rows * 4 / 5 * Pixels)..], rows - rows * 4 / 5,
            "the 2,000-image Fashion-MNIST sample shipped with the examples (install dataset-fashion-mnist for the full 60,000)");
    }

    internal static (float[] Pixels, int Rows) ReadIdxImages(string path, int maxRows)
    {
        using var stream = new BinaryReader(new GZipStream(File.OpenRead(path), CompressionMode.Decompress));
        if (ReadBigEndian(stream) != 2051)
            throw new InvalidDataException($"{path} is not an IDX image file.");
        int count = Math.Min(ReadBigEndian(stream), maxRows);
        int size = ReadBigEndian(stream) * ReadBigEndian(stream);
        if (size != Pixels)
            throw new InvalidDataException($"{path} holds {size}-pixel images; expected {Pixels}.");
        var bytes = stream.ReadBytes(count * size);
        var values = new float[bytes.Length];
        for (int i = 0; i < bytes.Length; i++)
            values[i] = bytes[i] / 255f;
        return (values, count);
    }

    internal static int ReadBigEndian(BinaryReader reader)
    {
        var bytes = reader.ReadBytes(4);
        return (bytes[0] << 24) | (bytes[1] << 16) | (bytes[2] << 8) | bytes[3];
    }
}
