using MLNet.Autoencoders.Estimators.AnomalyDetection;
using MLNet.Autoencoders.Transforms.AnomalyDetection;
using MLNet.Autoencoders.Transforms.Persistence;

namespace Microsoft.ML;

/// <summary>
/// Autoencoder extensions for <see cref="AnomalyDetectionCatalog"/>:
/// <c>mlContext.AnomalyDetection.Trainers.Autoencoder(...)</c> and <c>mlContext.AnomalyDetection.ChangeModelThreshold(...)</c>.
/// </summary>
public static class AutoencoderAnomalyDetectionCatalog
{
    /// <summary>
    /// Creates an <see cref="AutoencoderAnomalyEstimator"/>, which scores rows by their reconstruction error under an
    /// ensemble of autoencoders trained on the data, and flags the rows scoring above a threshold set from
    /// <paramref name="contamination"/>. Adds "Score" (<see cref="float"/>, higher is more anomalous) and "PredictedLabel" (<see cref="bool"/>).
    /// </summary>
    /// <param name="catalog">The anomaly detection trainers catalog.</param>
    /// <param name="featureColumnName">The known-size vector of <see cref="float"/> to score. Default is "Features".</param>
    /// <param name="contamination">The fraction of training rows expected to be anomalous, in [0, 0.5]; the threshold is that upper quantile of the training scores. Default is 0.1.</param>
    /// <param name="latentDimension">The size of the latent code. Default is <see langword="null"/>: adapted to the feature count d, max(1, round(sqrt(d) / 2)).</param>
    /// <param name="ensembleSize">The number of networks whose errors are averaged. Default is 5.</param>
    /// <param name="epochs">The maximum number of epochs per network (early stopping usually ends sooner). Default is 200.</param>
    /// <param name="seed">The random seed. Default is <see langword="null"/>: drawn from the <c>MLContext</c>'s seed.</param>
    /// <returns>The estimator; see <see cref="AutoencoderAnomalyOptions"/> for every setting.</returns>
    public static AutoencoderAnomalyEstimator Autoencoder(this AnomalyDetectionCatalog.AnomalyDetectionTrainers catalog,
        string featureColumnName = AutoencoderAnomalyDefaults.FeatureColumnName,
        double contamination = AutoencoderAnomalyDefaults.Contamination,
        int? latentDimension = null,
        int ensembleSize = AutoencoderAnomalyDefaults.EnsembleSize,
        int epochs = AutoencoderAnomalyDefaults.Epochs,
        int? seed = null)
    {
        return catalog.Autoencoder(new AutoencoderAnomalyOptions
        {
            FeatureColumnName = featureColumnName,
            Contamination = contamination,
            LatentDimension = latentDimension,
            EnsembleSize = ensembleSize,
            Epochs = epochs,
            Seed = seed,
        });
    }

    /// <summary>Creates an <see cref="AutoencoderAnomalyEstimator"/> with every setting in <paramref name="options"/>.</summary>
    /// <param name="catalog">The anomaly detection trainers catalog.</param>
    /// <param name="options">The columns, threshold, network shape and training settings.</param>
    /// <returns>The estimator.</returns>
    public static AutoencoderAnomalyEstimator Autoencoder(this AnomalyDetectionCatalog.AnomalyDetectionTrainers catalog, AutoencoderAnomalyOptions options)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new AutoencoderAnomalyEstimator(MlNetInternals.GetEnvironment(catalog), options);
    }

    /// <summary>
    /// A copy of <paramref name="model"/> that flags rows scoring above <paramref name="threshold"/>, without retraining
    /// (ML.NET's <c>ChangeModelThreshold</c>, for autoencoder detectors). The copy holds its own networks; saving it saves
    /// the new threshold.
    /// </summary>
    /// <param name="catalog">The anomaly detection catalog.</param>
    /// <param name="model">A fitted detector, e.g. the <c>LastTransformer</c> of a fitted pipeline.</param>
    /// <param name="threshold">The new threshold, a finite number on the scale of the "Score" column.</param>
    /// <returns>The detector with the new threshold; dispose it separately from <paramref name="model"/>.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="threshold"/> is NaN or infinite.</exception>
    public static AutoencoderAnomalyTransformer ChangeModelThreshold(this AnomalyDetectionCatalog catalog, AutoencoderAnomalyTransformer model, float threshold)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(model);
        return model.WithThreshold(threshold);
    }
}
