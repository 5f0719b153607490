using System.Globalization;
using MLNet.Autoencoders.Transforms.Networks;

namespace MLNet.Autoencoders.Estimators.Training;

/// <summary>
/// The memory a network's parameters need while it trains, checked before libtorch allocates them: a network far too
/// large for the machine (<c>HiddenLayers = [16_777_216]</c> on 784 features) would otherwise end in a raw native
/// allocation error, or in the operating system killing the process.
/// </summary>
internal static class ParameterMemory
{
    /// <summary>Bytes per parameter while training: the float weight, its gradient and Adam's two moments.</summary>
    public const int TrainingBytesPerParameter = 16;

    /// <summary>Bytes per parameter of a trained network that is kept while the next one trains (an ensemble's members).</summary>
    public const int KeptBytesPerParameter = 4;

    /// <summary>The 3x3 kernels of the convolutional blocks (see ConvolutionalLayerStacks).</summary>
    private const long KernelArea = 9;

    /// <summary>
    /// Throws when training <paramref name="networks"/> networks of <paramref name="architecture"/> one after the other, keeping the
    /// trained ones, needs more memory than the runtime reports as available (<see cref="GCMemoryInfo.TotalAvailableMemoryBytes"/>:
    /// the physical memory, or the container's limit).
    /// </summary>
    /// <param name="architecture">The network.</param>
    /// <param name="networks">How many networks the fit keeps: 1, or the ensemble size.</param>
    /// <param name="sizeOptions">The options that set the network's size, for the message, e.g. "HiddenLayers or LatentDimension".</param>
    /// <exception cref="InsufficientMemoryException">The parameters alone would not fit.</exception>
    public static void EnsureFits(NetworkArchitecture architecture, int networks, string sizeOptions) =>
        EnsureFits(architecture, networks, sizeOptions, GC.GetGCMemoryInfo().TotalAvailableMemoryBytes);

    /// <summary><see cref="EnsureFits(NetworkArchitecture, int, string)"/> against <paramref name="availableBytes"/> (0 or less: unknown, no check).</summary>
    internal static void EnsureFits(NetworkArchitecture architecture, int networks, string sizeOptions, long availableBytes)
    {
        if (availableBytes <= 0)
            return;
        double parameters = Count(architecture);
        double needed = parameters * (TrainingBytesPerParameter + (networks - 1) * (double)KeptBytesPerParameter);
        if (needed <= availableBytes)
            return;
        double fitting = Math.Floor(availableBytes / (TrainingBytesPerParameter + (networks - 1) * (double)KeptBytesPerParameter));
        string ensemble = networks > 1 ? $" and {networks - 1} trained networks of {KeptBytesPerParameter} bytes per parameter" : "";
        throw new InsufficientMemoryException(string.Create(CultureInfo.InvariantCulture,
            $"The network {architecture} would have {parameters:N0} parameters, needing {Gigabytes(needed)} to train " +
            $"({TrainingBytesPerParameter} bytes per parameter for the weights, their gradients and Adam's two moments{ensemble}), " +
            $"but only {Gigabytes(availableBytes)} of memory is available: about {fitting:N0} parameters fit. Make {sizeOptions} smaller."));
    }

    /// <summary>The number of weights and biases of <paramref name="architecture"/>, computed without building it (0 for an unknown kind).</summary>
    public static double Count(NetworkArchitecture architecture) => architecture switch
    {
        DenseArchitecture dense => Chain(dense.InputSize, dense.EncoderLayers, dense.LatentDimension) + Chain(dense.LatentDimension, dense.DecoderLayers, dense.InputSize),
        VariationalArchitecture variational => VariationalCount(variational),
        ConvolutionalArchitecture convolutional => ConvolutionalCount(convolutional),
        ConvolutionalVariationalArchitecture convolutional => ConvolutionalCount(convolutional.Convolution)
            + Linear(FeatureMapSize(convolutional.Convolution), convolutional.Convolution.LatentDimension),
        _ => 0,
    };

    /// <summary>A trunk to the last hidden layer, a mean and a log-variance head, and the decoder.</summary>
    private static double VariationalCount(VariationalArchitecture architecture)
    {
        var encoder = architecture.EncoderLayers;
        double trunk = encoder.Count == 0 ? 0 : Chain(architecture.InputSize, encoder.Take(encoder.Count - 1).ToArray(), encoder[^1]);
        double lastHidden = encoder.Count == 0 ? architecture.InputSize : encoder[^1];
        return trunk + 2 * Linear(lastHidden, architecture.LatentDimension) + Chain(architecture.LatentDimension, architecture.DecoderLayers, architecture.InputSize);
    }

    /// <summary>The blocks, the linear layers to and from the code, and the mirrored blocks.</summary>
    private static double ConvolutionalCount(ConvolutionalArchitecture architecture)
    {
        double count = 0, previous = architecture.Image.Channels;
        foreach (int channels in architecture.Channels)
        {
            count += previous * channels * KernelArea + channels;
            previous = channels;
        }
        double maps = FeatureMapSize(architecture);
        count += Linear(maps, architecture.LatentDimension) + Linear(architecture.LatentDimension, maps);
        for (int block = architecture.Channels.Count - 1; block >= 0; block--)
        {
            double to = block == 0 ? architecture.Image.Channels : architecture.Channels[block - 1];
            count += architecture.Channels[block] * to * KernelArea + to;
        }
        return count;
    }

    /// <summary>The feature maps' size, in double: <see cref="ConvolutionalArchitecture.FeatureMapShape"/> overflows int for huge channel counts.</summary>
    private static double FeatureMapSize(ConvolutionalArchitecture architecture) =>
        (double)architecture.Channels[^1] * (architecture.Image.Height / architecture.DownsamplingFactor) * (architecture.Image.Width / architecture.DownsamplingFactor);

    private static double Chain(double input, IReadOnlyList<int> hidden, double output)
    {
        double count = 0, previous = input;
        foreach (int size in hidden)
        {
            count += Linear(previous, size);
            previous = size;
        }
        return count + Linear(previous, output);
    }

    private static double Linear(double input, double output) => input * output + output;

    private static string Gigabytes(double bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1L << 30):N1} GB");
}
