using Microsoft.ML;
using MLNet.Autoencoders.Estimators;

namespace MLNet.Autoencoders.ModelLoadCheck;

/// <summary>
/// The fit that the determinism tests run both in the test process and in a fresh ModelLoadCheck process:
/// the same data and seed must give bit-identical outputs in both.
/// </summary>
internal static class ReferenceFit
{
    /// <summary>Fits a small denoising autoencoder with <paramref name="seed"/> and dumps its outputs on <paramref name="input"/>.</summary>
    public static string FitAndDump(MLContext ml, IDataView input, int seed)
    {
        var options = new AutoencoderOptions
        {
            LatentDimension = 2,
            HiddenLayers = [12],
            Epochs = 5,
            Noise = NoiseKind.Gaussian,
            NoiseLevel = 0.1f,
            Seed = seed,
        };
        using var model = ml.Transforms.Autoencoder(options).Fit(input);
        return DataViewDump.ToText(model.Transform(input));
    }
}
