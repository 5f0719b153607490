using Microsoft.ML;
using MLNet.Autoencoders.Transforms;
using MLNet.Autoencoders.Transforms.AnomalyDetection;

namespace MLNet.Autoencoders.Tests.Reliability;

/// <summary>
/// Fitted models of <see cref="ReliabilityComponents"/>, fitted once per test class on <see cref="RowCount"/> rows and
/// shared by its tests; dispose at class cleanup.
/// </summary>
internal sealed class FittedModels : IDisposable
{
    public const int RowCount = 60;
    private readonly Dictionary<string, ITransformer> models = [];

    public MLContext Ml { get; } = new(seed: 1);

    public ITransformer this[string component]
    {
        get
        {
            lock (models)
            {
                if (!models.TryGetValue(component, out var model))
                {
                    var c = ReliabilityComponents.Named(component);
                    models[component] = model = c.Estimator(Ml).Fit(c.Data(Ml, RowCount));
                }
                return model;
            }
        }
    }

    public void Dispose()
    {
        foreach (var model in models.Values)
            (model as IDisposable)?.Dispose();
        models.Clear();
    }

    /// <summary>The loss history of each network of a fitted model: one for an autoencoder, one per member for a detector.</summary>
    public static IReadOnlyList<IReadOnlyList<EpochLoss>> Histories(ITransformer model) => model switch
    {
        AutoencoderTransformer autoencoder => [autoencoder.LossHistory],
        AutoencoderAnomalyTransformer detector => detector.LossHistories,
        _ => throw new ArgumentException($"No loss history on {model.GetType().Name}.", nameof(model)),
    };
}
