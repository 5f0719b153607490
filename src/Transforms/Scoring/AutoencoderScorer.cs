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
    private readonly FeatureScaler outputScaler;
    private bool disposed;

    /// <param name="network">The trained network.</param>
    /// <param name="scaler">The input's scaling.</param>
    /// <param name="targetScaler">The paired target's scaling, for a network with a target (<see cref="NetworkArchitecture.HasTarget"/>); the decoder's output is inverted with it.</param>
    public AutoencoderScorer(AutoencoderNetwork network, FeatureScaler scaler, FeatureScaler? targetScaler = null)
    {
        if (network.Architecture.HasTarget != targetScaler is not null)
            throw new ArgumentException("A network with a target needs the target's scaling, and only such a network takes one.", nameof(targetScaler));
        this.network = network;
        this.scaler = scaler;
        outputScaler = targetScaler ?? scaler;
        network.eval();
    }

    /// <summary>The network this scorer runs.</summary>
    public AutoencoderNetwork Network => network;

    public int InputSize => network.Architecture.InputSize;

    public int LatentDimension => network.Architecture.LatentDimension;

    /// <summary>The size of a reconstruction: the input's, or the paired target's.</summary>
    public int OutputSize => network.Architecture.OutputSize;

    /// <summary>Whether the network maps its input to a separate target.</summary>
    public bool HasTarget => network.Architecture.HasTarget;

    /// <summary>Whether NaN inputs are missing values, filled before the encoder, rather than poison for the row.</summary>
    public bool TreatsNaNAsMissing => scaler.MissingValueFill is not null;

    public AutoencoderBatch CreateBatch(int capacity) => new(capacity, InputSize, LatentDimension, OutputSize, HasTarget);

    /// <summary>
    /// Fills the output buffers of the first <see cref="AutoencoderBatch.Count"/> rows. When the model treats NaN
    /// as missing, a row's error is the mean over its observed features (NaN if it has none), and the imputed row
    /// is the input with each NaN replaced by the reconstruction. With a paired target, the reconstruction is in the target's
    /// units and the error compares it with the batch's target rows (NaN when the target is not available).
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
        var reconstruction = batch.Reconstruction.AsSpan(0, rows * OutputSize);
        // Without a target the reconstruction buffer has the input's size and doubles as the scaled input.
        var scaled = HasTarget ? batch.Scaled.AsSpan(0, rows * inputSize) : reconstruction;
        input.CopyTo(scaled);
        scaler.FillMissing(scaled);
        scaler.Apply(scaled);

        try
        {
            using (var scope = NewDisposeScope())
            using (no_grad())
            {
                var x = TensorMemory.FromSpan(scaled, rows, inputSize);
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

        outputScaler.Invert(reconstruction);
        if (HasTarget)
        {
            for (int row = 0; row < rows; row++)
                batch.Error[row] = batch.TargetAvailable ? MeanSquaredError(batch.TargetRow(row), batch.ReconstructionRow(row), skipMissing: false) : float.NaN;
            return;
        }
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
    /// <paramref name="output"/>, in the input's units (a paired target's, for a network with a target).
    /// </summary>
    public void Decode(ReadOnlySpan<float> latents, int rows, Span<float> output)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        if (rows == 0)
            return;
        var decoded = output[..(rows * OutputSize)];
        using (var scope = NewDisposeScope())
        using (no_grad())
        {
            var z = TensorMemory.FromSpan(latents, rows, LatentDimension);
            TensorMemory.CopyTo(network.Decode(z), decoded);
        }
        outputScaler.Invert(decoded);
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
