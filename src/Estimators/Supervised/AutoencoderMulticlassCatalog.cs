using MLNet.Autoencoders.Estimators;
using MLNet.Autoencoders.Transforms.Persistence;

namespace Microsoft.ML;

/// <summary>
/// Autoencoder extensions for <see cref="MulticlassClassificationCatalog.MulticlassClassificationTrainers"/>:
/// <c>mlContext.MulticlassClassification.Trainers.Autoencoder(...)</c>, a semi-supervised, multi-task classifier.
/// </summary>
public static class AutoencoderMulticlassCatalog
{
    /// <summary>
    /// Creates an <see cref="AutoencoderMulticlassTrainer"/>: an autoencoder on <paramref name="featureColumnName"/> with a classifier
    /// head on its latent code, trained on every row's reconstruction and the labelled rows' classes (rows whose key label is the
    /// missing value 0 are unlabelled). Adds "Score", "PredictedLabel", "Latent", "Reconstruction" and "ReconstructionError".
    /// </summary>
    /// <param name="catalog">The multiclass trainers catalog.</param>
    /// <param name="labelColumnName">The key-typed label; 0 (missing) marks an unlabelled row. Default is "Label".</param>
    /// <param name="featureColumnName">The known-size vector of <see cref="float"/> to encode. Default is "Features".</param>
    /// <param name="latentDimension">The size of the latent code. Default is 16.</param>
    /// <param name="reconstructionWeight">The weight of the reconstruction term (lambda 1); 0 trains a plain classifier. Default is 1.</param>
    /// <param name="classificationWeight">The weight of the cross-entropy term (lambda 2). Default is 1.</param>
    /// <param name="epochs">The maximum number of epochs. Default is 100.</param>
    /// <param name="seed">The random seed. Default is <see langword="null"/>: drawn from the <c>MLContext</c>'s seed.</param>
    /// <returns>The trainer; see <see cref="AutoencoderMulticlassOptions"/> for every setting.</returns>
    public static AutoencoderMulticlassTrainer Autoencoder(this MulticlassClassificationCatalog.MulticlassClassificationTrainers catalog,
        string labelColumnName = AutoencoderMulticlassDefaults.LabelColumnName,
        string featureColumnName = AutoencoderDefaults.InputColumnName,
        int latentDimension = AutoencoderMulticlassDefaults.LatentDimension,
        float reconstructionWeight = AutoencoderMulticlassDefaults.ReconstructionWeight,
        float classificationWeight = AutoencoderMulticlassDefaults.ClassificationWeight,
        int epochs = AutoencoderDefaults.Epochs,
        int? seed = null)
    {
        return catalog.Autoencoder(new AutoencoderMulticlassOptions
        {
            LabelColumnName = labelColumnName,
            InputColumnName = featureColumnName,
            LatentDimension = latentDimension,
            ReconstructionWeight = reconstructionWeight,
            ClassificationWeight = classificationWeight,
            Epochs = epochs,
            Seed = seed,
        });
    }

    /// <summary>Creates an <see cref="AutoencoderMulticlassTrainer"/> with every setting in <paramref name="options"/>.</summary>
    /// <param name="catalog">The multiclass trainers catalog.</param>
    /// <param name="options">The columns, network shape, heads, loss weights and training settings.</param>
    /// <returns>The trainer.</returns>
    public static AutoencoderMulticlassTrainer Autoencoder(this MulticlassClassificationCatalog.MulticlassClassificationTrainers catalog, AutoencoderMulticlassOptions options)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new AutoencoderMulticlassTrainer(MlNetInternals.GetEnvironment(catalog), options);
    }
}
