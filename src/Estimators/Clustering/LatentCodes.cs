using System.Runtime.InteropServices;
using MLNet.Autoencoders.Estimators.Training;
using MLNet.Autoencoders.Transforms;
using MLNet.Autoencoders.Transforms.Networks;
using static TorchSharp.torch;

namespace MLNet.Autoencoders.Estimators.Clustering;

/// <summary>Encodes every row of a training matrix with the network in evaluation mode, a chunk of rows per forward pass.</summary>
internal static class LatentCodes
{
    private const int ChunkRows = 4096;

    /// <summary>
    /// The result of <paramref name="perChunk"/> applied to the codes of each chunk of rows, concatenated along the rows:
    /// a tensor outside any dispose scope, which the caller disposes.
    /// </summary>
    public static Tensor Map(AutoencoderNetwork network, TrainingMatrix data, Func<Tensor, Tensor> perChunk)
    {
        network.eval();
        try
        {
            using var scope = NewDisposeScope();
            using var noGrad = no_grad();
            var parts = new List<Tensor>();
            for (long start = 0; start < data.RowCount; start += ChunkRows)
            {
                var rows = data.Tensor.narrow(0, start, Math.Min(ChunkRows, data.RowCount - start));
                parts.Add(perChunk(network.Encode(rows)));
            }
            return cat(parts, 0).DetachFromDisposeScope();
        }
        catch (ExternalException native)
        {
            throw LibTorchFailure.Wrap(native, $"Encoding the {data.RowCount} training rows with {network.Architecture}");
        }
    }
}
