using System.Buffers;

namespace MLNet.Autoencoders.Transforms.Scoring;

/// <summary>
/// Row-major buffers for one batch of rows going through an autoencoder: the input features and the
/// outputs. Buffers are sized for a fixed capacity and reused from batch to batch.
/// </summary>
internal sealed class AutoencoderBatch : IDisposable
{
    public AutoencoderBatch(int capacity, int inputSize, int latentDimension)
        : this(capacity, inputSize, latentDimension, inputSize, hasTarget: false)
    {
    }

    /// <param name="capacity">The most rows the batch holds.</param>
    /// <param name="inputSize">The input's features.</param>
    /// <param name="latentDimension">The latent code's size.</param>
    /// <param name="outputSize">The reconstruction's size: the input's, or a paired target's.</param>
    /// <param name="hasTarget">Whether the network maps its input to a separate target: the batch then holds the target rows and the scaled input apart.</param>
    public AutoencoderBatch(int capacity, int inputSize, int latentDimension, int outputSize, bool hasTarget)
    {
        Capacity = capacity;
        InputSize = inputSize;
        LatentDimension = latentDimension;
        OutputSize = outputSize;
        HasTarget = hasTarget;
        // Rented, not allocated: a cursor per Transform would otherwise leave megabytes of large-object-heap
        // garbage behind each time, and the process would grow until a full collection.
        Input = ArrayPool<float>.Shared.Rent(checked(capacity * inputSize));
        Latent = ArrayPool<float>.Shared.Rent(checked(capacity * latentDimension));
        LatentLogVariance = ArrayPool<float>.Shared.Rent(checked(capacity * latentDimension));
        Reconstruction = ArrayPool<float>.Shared.Rent(checked(capacity * outputSize));
        Target = ArrayPool<float>.Shared.Rent(hasTarget ? checked(capacity * outputSize) : 0);
        Scaled = ArrayPool<float>.Shared.Rent(hasTarget ? checked(capacity * inputSize) : 0);
        Imputed = ArrayPool<float>.Shared.Rent(checked(capacity * inputSize));
        Error = ArrayPool<float>.Shared.Rent(capacity);
    }

    /// <summary>Returns the buffers to the shared pool; the batch must not be used afterwards.</summary>
    public void Dispose()
    {
        if (returned)
            return;
        returned = true;
        foreach (var buffer in new[] { Input, Latent, LatentLogVariance, Reconstruction, Imputed, Error, Target, Scaled })
            ArrayPool<float>.Shared.Return(buffer);
    }

    private bool returned;

    public int Capacity { get; }

    public int InputSize { get; }

    public int LatentDimension { get; }

    /// <summary>The size of a reconstruction row: the input's, or the paired target's.</summary>
    public int OutputSize { get; }

    /// <summary>Whether the network maps its input to a separate target (see <see cref="Target"/>).</summary>
    public bool HasTarget { get; }

    /// <summary>
    /// Whether <see cref="Target"/> holds the rows' targets (the target column is in the data being scored); without them the
    /// error of a network with a target is NaN.
    /// </summary>
    public bool TargetAvailable { get; set; }

    /// <summary>The target rows, in the target's units, for a network with a target; empty otherwise.</summary>
    public float[] Target { get; }

    /// <summary>Scratch for the scaled input of a network with a target (its reconstruction buffer has the target's size); empty otherwise.</summary>
    public float[] Scaled { get; }

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

    public ReadOnlySpan<float> ReconstructionRow(int row) => Reconstruction.AsSpan(row * OutputSize, OutputSize);

    public Span<float> TargetRow(int row) => Target.AsSpan(row * OutputSize, OutputSize);

    public ReadOnlySpan<float> ImputedRow(int row) => Imputed.AsSpan(row * InputSize, InputSize);
}
