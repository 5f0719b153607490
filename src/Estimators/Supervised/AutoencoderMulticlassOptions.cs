using MLNet.Autoencoders.Transforms;
using MLNet.Autoencoders.Transforms.Networks;

namespace MLNet.Autoencoders.Estimators;

/// <summary>
/// Options for <see cref="AutoencoderMulticlassTrainer"/>: the columns, the autoencoder's shape (dense, or convolutional when
/// <see cref="ImageShape"/> is set), the classifier head, the weights of the loss terms, a pre-trained autoencoder to start
/// from, auxiliary targets, and how training runs (<see cref="AutoencoderTrainingOptions"/>; the feature column is
/// <see cref="AutoencoderTrainingOptions.InputColumnName"/>). Differs from the shared defaults in
/// <see cref="AutoencoderTrainingOptions.LatentDimension"/>, 16. Training always reads the rows into memory:
/// <see cref="TrainingDataMode.Streaming"/> and <see cref="AutoencoderTrainingOptions.TreatNaNAsMissing"/> are not supported.
/// </summary>
public sealed class AutoencoderMulticlassOptions : AutoencoderTrainingOptions
{
    /// <summary>Creates options with the defaults of <see cref="AutoencoderMulticlassDefaults"/>.</summary>
    public AutoencoderMulticlassOptions()
    {
        LatentDimension = AutoencoderMulticlassDefaults.LatentDimension;
    }

    /// <summary>
    /// The label: a key of known count (at least 2 classes), e.g. from <c>MapValueToKey</c>. The missing key value 0 marks an
    /// unlabelled row, which trains the reconstruction only. Default is "Label".
    /// </summary>
    public string LabelColumnName { get; set; } = AutoencoderMulticlassDefaults.LabelColumnName;

    /// <summary>The output column for the class probabilities, one slot per class. Default is "Score".</summary>
    public string ScoreColumnName { get; set; } = AutoencoderMulticlassDefaults.ScoreColumnName;

    /// <summary>The output column for the most probable class, a key with the label's key values. Default is "PredictedLabel".</summary>
    public string PredictedLabelColumnName { get; set; } = AutoencoderMulticlassDefaults.PredictedLabelColumnName;

    /// <summary>
    /// The dense encoder's hidden layer sizes, from the input towards the latent layer. Default is <see langword="null"/>: one
    /// hidden layer sized as the dense autoencoder's (max(16, 2 x latent, sqrt(input x latent)), at most 512). Ignored with
    /// <see cref="ImageShape"/> or <see cref="PretrainedAutoencoder"/>.
    /// </summary>
    public int[]? HiddenLayers { get; set; }

    /// <summary>The dense decoder's hidden layer sizes. Default is <see langword="null"/>: the encoder's, mirrored.</summary>
    public int[]? DecoderHiddenLayers { get; set; }

    /// <summary>The nonlinearity after every hidden layer of the autoencoder and of the heads. Default is <see cref="Activation.Relu"/>.</summary>
    public Activation Activation { get; set; } = AutoencoderDefaults.Activation;

    /// <summary>The function on the decoder's last layer. Default is <see cref="OutputActivation.Identity"/>.</summary>
    public OutputActivation OutputActivation { get; set; } = AutoencoderDefaults.OutputActivation;

    /// <summary>
    /// The channels, height and width of planar images in the feature vector: when set, the encoder and decoder are convolutional
    /// (as <c>ConvolutionalAutoencoder</c>'s, with <see cref="Channels"/>, <see cref="Downsampling"/> and <see cref="Upsampling"/>);
    /// use <see cref="AutoencoderTrainingOptions.Scaling"/> = <see cref="InputScaling.GlobalMinMax"/> for pixels.
    /// Default is <see langword="null"/>: a dense network.
    /// </summary>
    public ImageShape? ImageShape { get; set; }

    /// <summary>The convolutional encoder blocks' channel counts (with <see cref="ImageShape"/>). Default is [16, 32].</summary>
    public int[] Channels { get; set; } = ConvolutionalAutoencoderDefaults.Channels;

    /// <summary>How convolutional encoder blocks halve the image. Default is <see cref="ConvolutionalDownsampling.StridedConvolution"/>.</summary>
    public ConvolutionalDownsampling Downsampling { get; set; } = ConvolutionalAutoencoderDefaults.Downsampling;

    /// <summary>How convolutional decoder blocks double the image. Default is <see cref="ConvolutionalUpsampling.TransposedConvolution"/>.</summary>
    public ConvolutionalUpsampling Upsampling { get; set; } = ConvolutionalAutoencoderDefaults.Upsampling;

    /// <summary>The hidden layer sizes of the classifier head (and of each auxiliary head) on the latent code; empty for a linear head. Default is [64].</summary>
    public int[] HeadHiddenLayers { get; set; } = AutoencoderMulticlassDefaults.HeadHiddenLayers;

    /// <summary>
    /// The weight of the reconstruction term, lambda 1 in L = lambda1 x reconstruction + lambda2 x cross-entropy; 0 trains a plain
    /// classifier of the same shape (the decoder is then not trained). Default is 1.
    /// </summary>
    public float ReconstructionWeight { get; set; } = AutoencoderMulticlassDefaults.ReconstructionWeight;

    /// <summary>
    /// The weight of the classification term, lambda 2: the cross-entropy averaged over the labelled rows of each batch
    /// (unlabelled rows contribute nothing). 0 is allowed with <see cref="AuxiliaryTargets"/>, to train a network for them alone
    /// (its class scores are then untrained). Default is 1.
    /// </summary>
    public float ClassificationWeight { get; set; } = AutoencoderMulticlassDefaults.ClassificationWeight;

    /// <summary>
    /// A weight per class (in key order) for the cross-entropy, e.g. to up-weight rare classes; the term is then the weighted
    /// mean over the labelled rows. Default is <see langword="null"/>: every class weighs 1.
    /// </summary>
    public float[]? ClassWeights { get; set; }

    /// <summary>
    /// A fitted autoencoder (<c>mlContext.Transforms.Autoencoder</c> or <c>ConvolutionalAutoencoder</c>, e.g. trained on many
    /// unlabelled rows) whose network and input scaling training starts from: its shape replaces the network options here, and
    /// the feature column must have its input size. The transformer is copied, not changed. Default is <see langword="null"/>:
    /// a new network.
    /// </summary>
    public AutoencoderTransformer? PretrainedAutoencoder { get; set; }

    /// <summary>
    /// Whether the pre-trained encoder's weights stay fixed (only the heads and the decoder train). Needs
    /// <see cref="PretrainedAutoencoder"/>. Default is <see langword="false"/>: fine-tune it.
    /// </summary>
    public bool FreezeEncoder { get; set; } = AutoencoderMulticlassDefaults.FreezeEncoder;

    /// <summary>Further targets learned from the same latent code, each with its head, weight and output columns. Default is empty.</summary>
    public IList<AuxiliaryTarget> AuxiliaryTargets { get; set; } = new List<AuxiliaryTarget>();

    /// <inheritdoc/>
    internal override AutoencoderTrainingOptions Snapshot()
    {
        var copy = (AutoencoderMulticlassOptions)base.Snapshot();
        copy.HiddenLayers = HiddenLayers?.ToArray();
        copy.DecoderHiddenLayers = DecoderHiddenLayers?.ToArray();
        copy.Channels = Channels?.ToArray()!;
        copy.HeadHiddenLayers = HeadHiddenLayers?.ToArray()!;
        copy.ClassWeights = ClassWeights?.ToArray();
        copy.AuxiliaryTargets = AuxiliaryTargets?.Select(t => t?.Copy()!).ToList()!;
        return copy;
    }

    /// <summary>The convolutional settings as the convolutional autoencoder's options, to share its shape checks and architecture.</summary>
    internal ConvolutionalAutoencoderOptions ConvolutionalShape() => new()
    {
        ImageShape = ImageShape,
        Channels = Channels,
        LatentDimension = LatentDimension,
        Downsampling = Downsampling,
        Upsampling = Upsampling,
        Activation = Activation,
        OutputActivation = OutputActivation,
        Scaling = Scaling,
    };
}
