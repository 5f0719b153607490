namespace MLNet.Autoencoders.Transforms.Scoring;

/// <summary>
/// Row-major buffers for one batch of rows going through an autoencoder: the input features and the
/// outputs. Buffers are sized for a fixed capacity and reused from batch to batch.
/// </summary>
internal sealed class AutoencoderBatch
{
    public AutoencoderBatch(int capacity, int inputSize, int latentDimension)
    {
        Capacity = capacity;
        InputSize = inputSize;
        LatentDimension = latentDimension;
        Input = new float[capacity * inputSize];
        Latent = new float[capacity * latentDimension];
        LatentLogVariance = new float[capacity * latentDimension];
        Reconstruction = new float[capacity * inputSize];
        Imputed = new float[capacity * inputSize];
        Error = new float[capacity];
    }

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
