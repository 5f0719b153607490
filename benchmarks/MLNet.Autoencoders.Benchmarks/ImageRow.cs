using Microsoft.ML.Data;

namespace MLNet.Autoencoders.Benchmarks;

/// <summary>One image as an ML.NET row.</summary>
internal sealed class ImageRow
{
    [VectorType(Workload.Pixels)]
    public float[] Features { get; set; } = [];

    public static IEnumerable<ImageRow> From(float[] pixels, int rows)
    {
        for (int i = 0; i < rows; i++)
            yield return new ImageRow { Features = pixels.AsSpan(i * Workload.Pixels, Workload.Pixels).ToArray() };
    }
}

/// <summary>What a <c>PredictionEngine</c> returns for an image.</summary>
internal sealed class ImageScores
{
    public float[] Latent { get; set; } = [];

    public float[] Reconstruction { get; set; } = [];

    public float ReconstructionError { get; set; }
}
