using System.Buffers;

namespace MLNet.Autoencoders.Transforms.Scoring;

/// <summary>
/// Row-major buffers for one batch of rows going through an autoencoder: the input features and the
/// outputs. Buffers are sized for a fixed capacity and reused from batch to batch.
/// </summary>
internal sealed class AutoencoderBatch : IDisposable
{
    public AutoencoderBatch(int capacity, int inputSize, int latentDimension)
    {
        Capacity = capacity;
        InputSize = inputSize;
        LatentDimension = latentDimension;
        // Rented, not allocated: a cursor per Transform would otherwise leave megabytes of large-object-heap
        // garbage behind each time, and the process would grow until a full collection.
        Input = ArrayPool<float>.Shared.Rent(checked(capacity * inputSize));
        Latent = ArrayPool<float>.Shared.Rent(checked(capacity * latentDimension));
        LatentLogVariance = ArrayPool<float>.Shared.Rent(checked(capacity * latentDimension));
        Reconstruction = ArrayPool<float>.Shared.Rent(checked(capacity * inputSize));
        Imputed = ArrayPool<float>.Shared.Rent(checked(capacity * inputSize));
        Error = ArrayPool<float>.Shared.Rent(capacity);
    }

    /// <summary>Returns the buffers to the shared pool; the batch must not be used afterwards.</summary>
    public void Dispose()
    {
        if (returned)
            return;
        returned = true;
        foreach (var buffer in new[] { Input, Latent, LatentLogVariance, Reconstruction, Imputed, Error })
            ArrayPool<float>.Shared.Return(buffer);
    }

    private bool returned;

    public int Capacity { get; }

    public int InputSize { get; }

    public int LatentDimension { get; }

    /// <summary>The number of rows currently held.</summary>
    public int Count { get; set; }

    public float[] Input { get; }

    public float[] Latent { get; }

    /// <summary>A variational network's posterior log-variances; zeros for other networks.</summary>
    public float[] LatentLogVariance { get; }

    public float[] Reconstruction { get; }

    /// <summary>The input with each missing (NaN) value replaced by the reconstruction's.</summary>
    public float[] Imputed { get; }

    public float[] Error { get; }

    public Span<float> InputRow(int row) => Input.AsSpan(row * InputSize, InputSize);

    public ReadOnlySpan<float> LatentRow(int row) => Latent.AsSpan(row * LatentDimension, LatentDimension);

    public ReadOnlySpan<float> LatentLogVarianceRow(int row) => LatentLogVariance.AsSpan(row * LatentDimension, LatentDimension);

    public ReadOnlySpan<float> ReconstructionRow(int row) => Reconstruction.AsSpan(row * InputSize, InputSize);

    public ReadOnlySpan<float> ImputedRow(int row) => Imputed.AsSpan(row * InputSize, InputSize);
}
