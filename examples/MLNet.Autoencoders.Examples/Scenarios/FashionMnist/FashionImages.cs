using System.Globalization;
using System.IO.Compression;
using MLNet.Autoencoders.Examples.Shared;

namespace MLNet.Autoencoders.Examples.Scenarios.FashionMnist;

/// <summary>
/// Loads Fashion-MNIST: the full IDX files of Debian's <c>dataset-fashion-mnist</c> package when it is installed,
/// otherwise the 2,000-image sample shipped in <c>Data/</c>.
/// </summary>
internal static class FashionImages
{
    public const int Side = 28;
    public const int PixelCount = Side * Side;

    /// <summary>The class names, by label.</summary>
    public static readonly string[] ClassNames =
        ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"];

    private const string DebianFolder = "/usr/share/datasets/fashion-mnist";
    private const string SampleFile = "fashion-mnist-test-first2000.csv";

    public static FashionImageSets Load(int fullTrainingCount, int fullTestCount, double sampleTestFraction)
    {
        string trainImages = Path.Combine(DebianFolder, "train-images-idx3-ubyte.gz");
        string testImages = Path.Combine(DebianFolder, "t10k-images-idx3-ubyte.gz");
        if (File.Exists(trainImages) && File.Exists(testImages))
        {
            var training = ReadIdx(trainImages, Path.Combine(DebianFolder, "train-labels-idx1-ubyte.gz"), fullTrainingCount);
            var test = ReadIdx(testImages, Path.Combine(DebianFolder, "t10k-labels-idx1-ubyte.gz"), fullTestCount);
            return new FashionImageSets(training, test,
                $"Fashion-MNIST from Debian's dataset-fashion-mnist package ({DebianFolder}): the first {training.Length:N0} of 60,000 training images, the first {test.Length:N0} of 10,000 test images.");
        }

        var sample = ReadCsv(DataFiles.Find(SampleFile));
        int testCount = (int)(sample.Length * sampleTestFraction);
        return new FashionImageSets(sample[testCount..], sample[..testCount],
            $"the {sample.Length:N0}-image Fashion-MNIST sample in Data/{SampleFile}: {sample.Length - testCount:N0} images for training, {testCount:N0} for testing. " +
            "For the full data set: scripts/install-fashion-mnist.sh (Debian's dataset-fashion-mnist package)");
    }

    private static FashionImage[] ReadIdx(string imagesPath, string labelsPath, int count)
    {
        using var images = new BinaryReader(new GZipStream(File.OpenRead(imagesPath), CompressionMode.Decompress));
        using var labels = new BinaryReader(new GZipStream(File.OpenRead(labelsPath), CompressionMode.Decompress));
        images.ReadBytes(16); // magic, count, rows, columns
        labels.ReadBytes(8);  // magic, count
        var result = new FashionImage[count];
        for (int i = 0; i < count; i++)
        {
            byte[] pixels = images.ReadBytes(PixelCount);
            if (pixels.Length != PixelCount)
                throw new InvalidDataException($"{imagesPath} holds fewer than {count} images.");
            result[i] = new FashionImage([.. pixels.Select(p => (float)p)], labels.ReadByte());
        }
        return result;
    }

    private static FashionImage[] ReadCsv(string path) =>
        [.. File.ReadLines(path).Skip(1).Select(line =>
        {
            var fields = line.Split(',');
            return new FashionImage([.. fields.Skip(1).Select(f => float.Parse(f, CultureInfo.InvariantCulture))], int.Parse(fields[0], CultureInfo.InvariantCulture));
        })];
}
