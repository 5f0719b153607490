using Microsoft.ML;
using Microsoft.ML.Runtime;
using MLNet.Autoencoders.Transforms.Supervised;

namespace MLNet.Autoencoders.Estimators;

/// <summary>
/// Trains a supervised (semi-supervised, multi-task) autoencoder: an encoder, a decoder that reconstructs every row and a
/// classifier head on the latent code that learns from the labelled rows, under one loss
/// L = <see cref="AutoencoderMulticlassOptions.ReconstructionWeight"/> x reconstruction + <see cref="AutoencoderMulticlassOptions.ClassificationWeight"/> x cross-entropy
/// (+ each auxiliary target's weighted loss). Returns an <see cref="AutoencoderMulticlassTransformer"/> whose output follows
/// ML.NET's multiclass contract.
/// </summary>
/// <remarks>
/// <para>Input and output columns:</para>
/// <list type="table">
/// <listheader><term>Column</term><description>Type and meaning</description></listheader>
/// <item><term><see cref="AutoencoderTrainingOptions.InputColumnName"/> (features)</term><description>Input: known-size vector of <see cref="float"/>, finite values;
/// planar images of <see cref="AutoencoderMulticlassOptions.ImageShape"/> for a convolutional network.</description></item>
/// <item><term><see cref="AutoencoderMulticlassOptions.LabelColumnName"/></term><description>Input: key of known count (2 or more classes). The missing key 0 marks an
/// unlabelled row: <c>MapValueToKey</c> gives 0 for an empty string and for NaN, so a text label left empty, or a numeric label set to NaN, is unlabelled.</description></item>
/// <item><term><see cref="AuxiliaryTarget.ColumnName"/></term><description>Input (optional, per auxiliary target): key (0 = missing) or <see cref="float"/> (NaN = missing).</description></item>
/// <item><term><see cref="AutoencoderMulticlassOptions.ScoreColumnName"/></term><description>Output: vector of <see cref="float"/>, the class probabilities, one slot per class, named after the label's key values.</description></item>
/// <item><term><see cref="AutoencoderMulticlassOptions.PredictedLabelColumnName"/></term><description>Output: key of the label's count with its key values, the most probable class (<c>MapKeyToValue</c> gives the original value).</description></item>
/// <item><term><see cref="AutoencoderTrainingOptions.LatentColumnName"/></term><description>Output: vector of <see cref="float"/> of size <see cref="AutoencoderTrainingOptions.LatentDimension"/>.</description></item>
/// <item><term><see cref="AutoencoderTrainingOptions.ReconstructionColumnName"/></term><description>Output: vector of <see cref="float"/> of the input's size, in the input's units.</description></item>
/// <item><term><see cref="AutoencoderTrainingOptions.ReconstructionErrorColumnName"/></term><description>Output: <see cref="float"/>, the mean squared reconstruction error, in the input's units.</description></item>
/// <item><term><see cref="AuxiliaryTarget.ScoreColumnName"/>, <see cref="AuxiliaryTarget.PredictedLabelColumnName"/></term><description>Output, per auxiliary target: class
/// probabilities and a predicted key for a key target; the predicted value (<see cref="float"/>, in the target's units) for a <see cref="float"/> target.</description></item>
/// </list>
/// <para>
/// The cross-entropy of a batch is the mean over its labelled rows; unlabelled rows are removed before the head, so they train the
/// reconstruction only. With a validation fraction, early stopping watches the heads' loss on the labelled validation rows (the
/// reconstruction error when none is labelled). Each epoch reports both terms to <c>MLContext.Log</c> and to
/// <see cref="AutoencoderTrainingOptions.EpochCompleted"/>. A fixed seed gives bit-identical models. Training reads the rows into memory.
/// </para>
/// </remarks>
public sealed class AutoencoderMulticlassTrainer : IEstimator<AutoencoderMulticlassTransformer>
{
    private readonly IHost host;

    /// <summary>The validated deep copy of the options; <see cref="live"/> supplies only the cancellation token and the epoch callback of each fit.</summary>
    private readonly AutoencoderMulticlassOptions options;
    private readonly AutoencoderMulticlassOptions live;

    internal AutoencoderMulticlassTrainer(IHostEnvironment env, AutoencoderMulticlassOptions options)
    {
        ArgumentNullException.ThrowIfNull(env);
        ArgumentNullException.ThrowIfNull(options);
        this.options = (AutoencoderMulticlassOptions)options.Snapshot();
        AutoencoderMulticlassOptionsValidation.Validate(this.options);
        host = env.Register(nameof(AutoencoderMulticlassTrainer));
        live = options;
    }

    /// <summary>Trains the network and its heads on <paramref name="input"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A column is missing or of the wrong type or size, the features hold NaN or an infinity, no row is
    /// labelled, or a class has no labelled row (the message names the column and the class).</exception>
    /// <exception cref="ArgumentException">The data has no rows.</exception>
    /// <exception cref="InvalidOperationException">Training diverged (the loss became NaN or infinite).</exception>
    /// <exception cref="OperationCanceledException"><see cref="AutoencoderTrainingOptions.CancellationToken"/> was cancelled.</exception>
    public AutoencoderMulticlassTransformer Fit(IDataView input) => SupervisedFitter.Fit(host, input, live.ForFit(options));

    /// <summary>Describes the columns <see cref="Fit"/>'s transformer will add, checking the feature, label and auxiliary target columns.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A column is missing or of the wrong type.</exception>
    public SchemaShape GetOutputSchema(SchemaShape inputSchema) => SupervisedSchemaShape.Create(inputSchema, options);
}
