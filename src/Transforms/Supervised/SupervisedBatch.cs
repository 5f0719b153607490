using MLNet.Autoencoders.Transforms.Scoring;

namespace MLNet.Autoencoders.Transforms.Supervised;

/// <summary>
/// Buffers for one batch of rows going through a supervised autoencoder: the autoencoder's (input, latent, reconstruction,
/// error) and each head's outputs, row-major, reused from batch to batch.
/// </summary>
internal sealed class SupervisedBatch : IDisposable
{
    public SupervisedBatch(AutoencoderBatch autoencoder, int classCount, IReadOnlyList<int> auxiliaryWidths)
    {
        Autoencoder = autoencoder;
        ClassCount = classCount;
        Probabilities = new float[checked(autoencoder.Capacity * classCount)];
        AuxiliaryWidths = auxiliaryWidths.ToArray();
        AuxiliaryValues = AuxiliaryWidths.Select(width => new float[checked(autoencoder.Capacity * width)]).ToArray();
    }

    public AutoencoderBatch Autoencoder { get; }

    public int ClassCount { get; }

    /// <summary>The class probabilities, [rows, classes].</summary>
    public float[] Probabilities { get; }

    /// <summary>Each auxiliary head's outputs per row: probabilities or one value.</summary>
    public int[] AuxiliaryWidths { get; }

    public float[][] AuxiliaryValues { get; }

    public ReadOnlySpan<float> ProbabilityRow(int row) => Probabilities.AsSpan(row * ClassCount, ClassCount);

    public ReadOnlySpan<float> AuxiliaryRow(int auxiliary, int row) =>
        AuxiliaryValues[auxiliary].AsSpan(row * AuxiliaryWidths[auxiliary], AuxiliaryWidths[auxiliary]);

    /// <summary>
    /// The predicted key of <paramref name="probabilities"/>: 1 + the index of the largest, the first on ties, or 0 (missing)
    /// when they are NaN (a row whose input had NaN).
    /// </summary>
    public static uint PredictedKey(ReadOnlySpan<float> probabilities)
    {
        int best = -1;
        for (int k = 0; k < probabilities.Length; k++)
        {
            if (!float.IsNaN(probabilities[k]) && (best < 0 || probabilities[k] > probabilities[best]))
                best = k;
        }
        return (uint)(best + 1);
    }

    public void Dispose() => Autoencoder.Dispose();
}
