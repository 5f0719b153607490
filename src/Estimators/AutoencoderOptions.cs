using MLNet.Autoencoders.Transforms;

namespace MLNet.Autoencoders.Estimators;

/// <summary>
/// Options for <see cref="AutoencoderEstimator"/>: the columns, the dense network's shape and how it is trained.
/// </summary>
public sealed class AutoencoderOptions : AutoencoderTrainingOptions
{
    /// <summary>
    /// The encoder's hidden layer sizes, from the input towards the latent layer. Default is <see langword="null"/>:
    /// one hidden layer of max(16, 2 x latent, sqrt(input x latent)) units, at most 512. An empty array means no hidden layer.
    /// </summary>
    public int[]? HiddenLayers { get; set; }

    /// <summary>The decoder's hidden layer sizes, from the latent layer outwards. Default is <see langword="null"/>: the encoder's, mirrored.</summary>
    public int[]? DecoderHiddenLayers { get; set; }

    /// <summary>The nonlinearity after every hidden layer. Default is <see cref="Activation.Relu"/>.</summary>
    public Activation Activation { get; set; } = AutoencoderDefaults.Activation;

    /// <summary>
    /// The function on the decoder's last layer. Default is <see cref="OutputActivation.Identity"/>.
    /// Use <see cref="OutputActivation.Sigmoid"/> for inputs in [0, 1] (pixels) with <c>Scaling = None</c>, <c>MinMax</c> or <c>GlobalMinMax</c>.
    /// </summary>
    public OutputActivation OutputActivation { get; set; } = AutoencoderDefaults.OutputActivation;

    /// <summary>
    /// A column to reconstruct instead of the input: the network is trained to map <see cref="AutoencoderTrainingOptions.InputColumnName"/>
    /// to this column (paired targets: a small image to a large one, a grey image to a colour one, a noisy recording to its clean
    /// pair). It must be a known-size vector of <see cref="float"/> without NaN or infinities; its size may differ from the input's.
    /// Its scaling (<see cref="AutoencoderTrainingOptions.Scaling"/>) is learned separately and stored in the model. The
    /// reconstruction column then holds the prediction in the target's units, and the reconstruction error compares it with this
    /// column when the scored data has it (NaN when it does not). Default is <see langword="null"/>: reconstruct the input.
    /// Not combined with <see cref="AutoencoderTrainingOptions.TreatNaNAsMissing"/>, and trained in memory only.
    /// </summary>
    public string? TargetColumnName { get; set; }

    /// <inheritdoc/>
    internal override string? PairedTargetColumnName => TargetColumnName;

    /// <inheritdoc/>
    internal override AutoencoderTrainingOptions Snapshot()
    {
        var copy = (AutoencoderOptions)base.Snapshot();
        copy.HiddenLayers = HiddenLayers?.ToArray();
        copy.DecoderHiddenLayers = DecoderHiddenLayers?.ToArray();
        return copy;
    }
}
