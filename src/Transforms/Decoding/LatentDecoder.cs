using MLNet.Autoencoders.Transforms.Networks;
using MLNet.Autoencoders.Transforms.Scoring;
using static TorchSharp.torch;

namespace MLNet.Autoencoders.Transforms.Decoding;

/// <summary>
/// Runs the decoder half of a trained autoencoder over batches of latent codes: one forward pass under
/// <c>no_grad</c> in its own dispose scope, then the input scaling undone, so outputs are in the input's units.
/// Owns its network.
/// </summary>
internal sealed class LatentDecoder : IDisposable
{
    private readonly AutoencoderNetwork network;
    private bool disposed;

    /// <summary>Takes ownership of <paramref name="network"/>.</summary>
    public LatentDecoder(AutoencoderNetwork network, FeatureScaler scaler)
    {
        if (scaler.FeatureCount != network.Architecture.OutputSize)
            throw new ArgumentException($"The scaler has {scaler.FeatureCount} features, but the network outputs {network.Architecture.OutputSize}.", nameof(scaler));
        this.network = network;
        Scaler = scaler;
        network.eval();
    }

    public AutoencoderNetwork Network => network;

    public NetworkArchitecture Architecture => network.Architecture;

    public FeatureScaler Scaler { get; }

    public int LatentDimension => Architecture.LatentDimension;

    public int OutputSize => Architecture.OutputSize;

    /// <summary>Decodes the first <paramref name="rows"/> codes of <paramref name="latent"/> (row-major) into <paramref name="output"/>.</summary>
    public void Decode(ReadOnlySpan<float> latent, int rows, Span<float> output)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        if (rows == 0)
            return;
        var destination = output[..(rows * OutputSize)];
        using (NewDisposeScope())
        using (no_grad())
        {
            var codes = TensorMemory.FromSpan(latent, rows, LatentDimension);
            TensorMemory.CopyTo(network.Decode(codes), destination);
        }
        Scaler.Invert(destination);
    }

    /// <summary>Releases the network's native tensors; later calls to <see cref="Decode"/> throw <see cref="ObjectDisposedException"/>.</summary>
    public void Dispose()
    {
        if (disposed)
            return;
        disposed = true;
        network.Dispose();
    }
}
