using System.Runtime.InteropServices;
using MLNet.Autoencoders.Transforms.Networks;
using MLNet.Autoencoders.Transforms.Scoring;
using static TorchSharp.torch;

namespace MLNet.Autoencoders.Transforms.Clustering;

/// <summary>
/// Assigns batches of rows to clusters: scales the input as at fit time, encodes it in one forward pass under
/// <c>no_grad</c> in its own dispose scope, and measures each code's squared distance to every centre.
/// </summary>
internal sealed class ClusteringScorer : IDisposable
{
    private bool disposed;

    public ClusteringScorer(AutoencoderNetwork network, FeatureScaler scaler, ClusterCentres centres)
    {
        if (centres.LatentDimension != network.Architecture.LatentDimension)
            throw new ArgumentException($"The centres have {centres.LatentDimension} coordinates; the network's latent dimension is {network.Architecture.LatentDimension}.", nameof(centres));
        Network = network;
        Scaler = scaler;
        Centres = centres;
        network.eval();
    }

    public AutoencoderNetwork Network { get; }

    public FeatureScaler Scaler { get; }

    public ClusterCentres Centres { get; }

    public int InputSize => Network.Architecture.InputSize;

    public int LatentDimension => Network.Architecture.LatentDimension;

    /// <summary>
    /// For the first <paramref name="rows"/> rows of <paramref name="input"/> (row-major, in the input's units; it is scaled in place),
    /// writes the latent codes, the squared distances to the k centres and the 1-based nearest centre (0 when the code is NaN).
    /// </summary>
    public void Score(Span<float> input, int rows, Span<float> latent, Span<float> distances, Span<uint> labels)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        if (rows == 0)
            return;
        var scaled = input[..(rows * InputSize)];
        Scaler.Apply(scaled);
        try
        {
            using var scope = NewDisposeScope();
            using var noGrad = no_grad();
            var x = TensorMemory.FromSpan(scaled, rows, InputSize);
            TensorMemory.CopyTo(Network.Encode(x), latent[..(rows * LatentDimension)]);
        }
        catch (ExternalException native)
        {
            throw LibTorchFailure.Wrap(native, $"Encoding a batch of {rows} rows with {Network.Architecture}");
        }
        int k = Centres.Count;
        for (int row = 0; row < rows; row++)
            labels[row] = (uint)(Centres.Distances(latent.Slice(row * LatentDimension, LatentDimension), distances.Slice(row * k, k)) + 1);
    }

    /// <summary>Releases the network's native tensors.</summary>
    public void Dispose()
    {
        if (disposed)
            return;
        disposed = true;
        Network.Dispose();
    }
}
