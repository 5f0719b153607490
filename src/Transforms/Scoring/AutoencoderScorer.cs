using MLNet.Autoencoders.Transforms.Networks;
using static TorchSharp.torch;

namespace MLNet.Autoencoders.Transforms.Scoring;

/// <summary>
/// Runs a trained autoencoder over batches of rows: scales the input, one forward pass under
/// <c>no_grad</c> in its own dispose scope, and maps the reconstruction back to the input's units.
/// </summary>
internal sealed class AutoencoderScorer : IDisposable
{
    private readonly AutoencoderNetwork network;
    private readonly FeatureScaler scaler;
    private bool disposed;

    public AutoencoderScorer(AutoencoderNetwork network, FeatureScaler scaler)
    {
        this.network = network;
        this.scaler = scaler;
        network.eval();
    }

    /// <summary>The network this scorer runs.</summary>
    public AutoencoderNetwork Network => network;

    public int InputSize => network.Architecture.InputSize;

    public int LatentDimension => network.Architecture.LatentDimension;

    public AutoencoderBatch CreateBatch(int capacity) => new(capacity, InputSize, LatentDimension);

    /// <summary>Fills the latent, reconstruction and error buffers of the first <see cref="AutoencoderBatch.Count"/> rows.</summary>
    public void Score(AutoencoderBatch batch)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        int rows = batch.Count;
        if (rows == 0)
            return;
        int inputSize = InputSize;
        var input = batch.Input.AsSpan(0, rows * inputSize);
        var reconstruction = batch.Reconstruction.AsSpan(0, rows * inputSize);
        input.CopyTo(reconstruction);
        scaler.Apply(reconstruction);

        using (var scope = NewDisposeScope())
        using (no_grad())
        {
            var x = empty(rows, inputSize);
            x.data<float>().CopyFrom(reconstruction);
            var latent = network.Encode(x);
            var output = network.Decode(latent);
            latent.data<float>().CopyTo(batch.Latent.AsSpan(0, rows * LatentDimension));
            output.data<float>().CopyTo(reconstruction);
        }

        scaler.Invert(reconstruction);
        for (int row = 0; row < rows; row++)
            batch.Error[row] = MeanSquaredError(batch.InputRow(row), batch.ReconstructionRow(row));
    }

    /// <summary>Releases the network's native tensors; later calls to <see cref="Score"/> throw <see cref="ObjectDisposedException"/>.</summary>
    public void Dispose()
    {
        if (disposed)
            return;
        disposed = true;
        network.Dispose();
    }

    private static float MeanSquaredError(ReadOnlySpan<float> input, ReadOnlySpan<float> reconstruction)
    {
        double sum = 0;
        for (int j = 0; j < input.Length; j++)
        {
            double difference = input[j] - reconstruction[j];
            sum += difference * difference;
        }
        return (float)(sum / input.Length);
    }
}
