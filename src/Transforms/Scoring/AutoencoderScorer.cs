using System.Runtime.InteropServices;
using MLNet.Autoencoders.Transforms.Networks;
using static TorchSharp.torch;

namespace MLNet.Autoencoders.Transforms.Scoring;

/// <summary>
/// Runs a trained autoencoder over batches of rows: fills missing values (when the model treats NaN as
/// missing), scales the input, one forward pass under <c>no_grad</c> in its own dispose scope, and maps
/// the reconstruction back to the input's units.
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

    /// <summary>Whether NaN inputs are missing values, filled before the encoder, rather than poison for the row.</summary>
    public bool TreatsNaNAsMissing => scaler.MissingValueFill is not null;

    public AutoencoderBatch CreateBatch(int capacity) => new(capacity, InputSize, LatentDimension);

    /// <summary>
    /// Fills the output buffers of the first <see cref="AutoencoderBatch.Count"/> rows. When the model treats NaN
    /// as missing, a row's error is the mean over its observed features (NaN if it has none), and the imputed row
    /// is the input with each NaN replaced by the reconstruction.
    /// </summary>
    public void Score(AutoencoderBatch batch)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        int rows = batch.Count;
        if (rows == 0)
            return;
        int inputSize = InputSize;
        int latentSize = rows * LatentDimension;
        var input = batch.Input.AsSpan(0, rows * inputSize);
        var reconstruction = batch.Reconstruction.AsSpan(0, rows * inputSize);
        input.CopyTo(reconstruction);
        scaler.FillMissing(reconstruction);
        scaler.Apply(reconstruction);

        try
        {
            using (var scope = NewDisposeScope())
            using (no_grad())
            {
                var x = TensorMemory.FromSpan(reconstruction, rows, inputSize);
                Tensor latent;
                if (network is IVariationalNetwork variational)
                {
                    (latent, var logVariance) = variational.EncodeDistribution(x);
                    TensorMemory.CopyTo(logVariance, batch.LatentLogVariance.AsSpan(0, latentSize));
                }
                else
                {
                    latent = network.Encode(x);
                }
                var output = network.Decode(latent);
                TensorMemory.CopyTo(latent, batch.Latent.AsSpan(0, latentSize));
                TensorMemory.CopyTo(output, reconstruction);
            }
        }
        catch (ExternalException native)
        {
            throw LibTorchFailure.Wrap(native, $"Scoring a batch of {rows} rows with {network.Architecture}");
        }

        scaler.Invert(reconstruction);
        bool skipMissing = TreatsNaNAsMissing;
        for (int row = 0; row < rows; row++)
            batch.Error[row] = MeanSquaredError(batch.InputRow(row), batch.ReconstructionRow(row), skipMissing);
        if (skipMissing)
        {
            var imputed = batch.Imputed.AsSpan(0, rows * inputSize);
            for (int i = 0; i < imputed.Length; i++)
                imputed[i] = float.IsNaN(input[i]) ? reconstruction[i] : input[i];
        }
    }

    /// <summary>
    /// Decodes <paramref name="rows"/> latent codes (row-major in <paramref name="latents"/>) into
    /// <paramref name="output"/>, in the input's units.
    /// </summary>
    public void Decode(ReadOnlySpan<float> latents, int rows, Span<float> output)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        if (rows == 0)
            return;
        var decoded = output[..(rows * InputSize)];
        using (var scope = NewDisposeScope())
        using (no_grad())
        {
            var z = TensorMemory.FromSpan(latents, rows, LatentDimension);
            TensorMemory.CopyTo(network.Decode(z), decoded);
        }
        scaler.Invert(decoded);
    }

    /// <summary>Releases the network's native tensors; later calls to <see cref="Score"/> throw <see cref="ObjectDisposedException"/>.</summary>
    public void Dispose()
    {
        if (disposed)
            return;
        disposed = true;
        network.Dispose();
    }

    private static float MeanSquaredError(ReadOnlySpan<float> input, ReadOnlySpan<float> reconstruction, bool skipMissing)
    {
        double sum = 0;
        int count = 0;
        for (int j = 0; j < input.Length; j++)
        {
            if (skipMissing && float.IsNaN(input[j]))
                continue;
            double difference = input[j] - reconstruction[j];
            sum += difference * difference;
            count++;
        }
        return count == 0 ? float.NaN : (float)(sum / count);
    }
}
