namespace MLNet.Autoencoders.Estimators;

/// <summary>
/// Default values of <see cref="AutoencoderMulticlassOptions"/> and of the catalog's simple
/// <c>MulticlassClassification.Trainers.Autoencoder</c> overload, where they differ from or add to <see cref="AutoencoderDefaults"/>.
/// </summary>
public static class AutoencoderMulticlassDefaults
{
    /// <summary>Default label column: "Label".</summary>
    public const string LabelColumnName = "Label";

    /// <summary>Default class-probabilities column: "Score".</summary>
    public const string ScoreColumnName = "Score";

    /// <summary>Default predicted-label column: "PredictedLabel".</summary>
    public const string PredictedLabelColumnName = "PredictedLabel";

    /// <summary>Default latent dimension: 16 (a classifier reads more from a wider code than the plain autoencoder's default 8).</summary>
    public const int LatentDimension = 16;

    /// <summary>Default weight of the reconstruction term (lambda 1): 1.</summary>
    public const float ReconstructionWeight = 1f;

    /// <summary>Default weight of the classification term (lambda 2): 1.</summary>
    public const float ClassificationWeight = 1f;

    /// <summary>Default weight of an auxiliary target's term: 1.</summary>
    public const float AuxiliaryWeight = 1f;

    /// <summary>Default for freezing a pre-trained encoder: <see langword="false"/> (fine-tune it).</summary>
    public const bool FreezeEncoder = false;

    /// <summary>Default classifier head: one hidden layer of 64 units.</summary>
    public static int[] HeadHiddenLayers => [64];
}
