using Microsoft.ML;
using Microsoft.ML.Runtime;
using MLNet.Autoencoders.Estimators.Training;
using MLNet.Autoencoders.Transforms;
using MLNet.Autoencoders.Transforms.Networks;

namespace MLNet.Autoencoders.Estimators;

/// <summary>
/// Trains a convolutional autoencoder on images held in a known-size vector of <see cref="float"/> (such as the
/// pixels <c>LoadImages -> ResizeImages -> ExtractPixels</c> produce) and returns an <see cref="AutoencoderTransformer"/>
/// that adds the latent code, the reconstruction and the reconstruction error, like the dense autoencoder.
/// </summary>
/// <remarks>
/// <para>Input and output columns:</para>
/// <list type="table">
/// <listheader><term>Column</term><description>Type and meaning</description></listheader>
/// <item><term><see cref="AutoencoderTrainingOptions.InputColumnName"/></term><description>Input: known-size vector of <see cref="float"/> holding
/// planar images (channel by channel, each row by row) of <see cref="ConvolutionalNetworkOptions.ImageShape"/>, or of the column's own
/// (channels, height, width) dimensions, which <c>ExtractPixels</c> sets. Height and width must be divisible by 2 to the number of blocks.</description></item>
/// <item><term><see cref="AutoencoderTrainingOptions.LatentColumnName"/></term><description>Output: vector of <see cref="float"/> of size <see cref="AutoencoderTrainingOptions.LatentDimension"/>.</description></item>
/// <item><term><see cref="ConvolutionalAutoencoderOptions.TargetColumnName"/></term><description>Optional input: known-size vector of <see cref="float"/> holding the paired
/// target images (of <see cref="ConvolutionalAutoencoderOptions.TargetImageShape"/> or the column's dimensions) the network learns to produce instead of the input.</description></item>
/// <item><term><see cref="AutoencoderTrainingOptions.ReconstructionColumnName"/></term><description>Output: vector of <see cref="float"/> of the input's size, in the input's units
/// (with a <see cref="OutputActivation.Sigmoid"/> output and pixels in [0, 1], within [0, 1]); the target's size and units with a target.</description></item>
/// <item><term><see cref="AutoencoderTrainingOptions.ReconstructionErrorColumnName"/></term><description>Output: <see cref="float"/>, the mean over pixels of the squared difference between input and reconstruction, in the input's units.</description></item>
/// </list>
/// <para>
/// Denoising (<see cref="AutoencoderTrainingOptions.Noise"/>) and sparsity (<see cref="AutoencoderTrainingOptions.SparsityWeight"/>) work as for the
/// dense autoencoder: noise corrupts the scaled training images only, and the reconstruction column is the denoised image.
/// A fixed seed gives bit-identical models. <see cref="AutoencoderTransformerDecoding.CreateDecoder"/> turns the fitted transformer into a
/// decoder that maps latent codes to images.
/// </para>
/// </remarks>
public sealed class ConvolutionalAutoencoderEstimator : IEstimator<AutoencoderTransformer>
{
    private readonly IHost host;

    /// <summary>
    /// The options as they were when the estimator was created (a validated deep copy, so later changes to the caller's object
    /// cannot bypass validation); <see cref="live"/> supplies only the cancellation token and the epoch callback of each fit.
    /// </summary>
    private readonly ConvolutionalAutoencoderOptions options;
    private readonly ConvolutionalAutoencoderOptions live;

    internal ConvolutionalAutoencoderEstimator(IHostEnvironment env, ConvolutionalAutoencoderOptions options)
    {
        ArgumentNullException.ThrowIfNull(env);
        ArgumentNullException.ThrowIfNull(options);
        this.options = (ConvolutionalAutoencoderOptions)options.Snapshot();
        ConvolutionalAutoencoderOptionsValidation.Validate(this.options);
        host = env.Register(nameof(ConvolutionalAutoencoderEstimator));
        live = options;
    }

    /// <summary>Trains the autoencoder on <paramref name="input"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The input column is missing, is not a known-size float vector, does not hold images of a
    /// shape the blocks fit (the message names the column, the expected and the actual shape), or holds NaN or an infinity.</exception>
    /// <exception cref="ArgumentException">The data has no rows.</exception>
    /// <exception cref="InvalidOperationException">Training diverged (the loss became NaN or infinite).</exception>
    /// <exception cref="InsufficientMemoryException">The network's parameters, their gradients and Adam's moments would need more memory than the machine has (the message gives the parameter count and what fits).</exception>
    /// <exception cref="OperationCanceledException"><see cref="AutoencoderTrainingOptions.CancellationToken"/> was cancelled.</exception>
    public AutoencoderTransformer Fit(IDataView input)
    {
        var options = live.ForFit(this.options);
        ArgumentNullException.ThrowIfNull(input);
        var column = InputColumn.Find(input.Schema, options.InputColumnName);
        var image = ConvolutionalInputShape.Resolve(column, options);
        ImageShape? target = options.TargetColumnName is { } targetName
            ? ConvolutionalInputShape.ResolveTarget(InputColumn.Find(input.Schema, targetName), options)
            : null;
        var fitted = AutoencoderFitter.Fit(host, input, options, _ => ArchitectureFor(image, options) with { Target = target });
        return new AutoencoderTransformer(fitted.Network, fitted.Scaler, AutoencoderFitter.ColumnNames(options), fitted.History, options.ScoringBatchSize,
            fitted.TargetScaler);
    }

    /// <summary>Describes the columns <see cref="Fit"/>'s transformer will add, checking the input column and a declared <see cref="ConvolutionalNetworkOptions.ImageShape"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The input column is missing or is not a known-size float vector, or the declared image shape does not fit the blocks.
    /// (A schema shape carries no vector sizes: the size and the column's own dimensions are checked by <see cref="Fit"/>.)</exception>
    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        AutoencoderSchemaShape.RequireFloatVector(inputSchema, options.InputColumnName);
        ConvolutionalInputShape.CheckDeclared(options.InputColumnName, options);
        return AutoencoderSchemaShape.Create(inputSchema, options);
    }

    /// <summary>The convolutional network <paramref name="options"/> describe for <paramref name="image"/>.</summary>
    internal static ConvolutionalArchitecture ArchitectureFor(ImageShape image, ConvolutionalNetworkOptions options) =>
        new(image, options.Channels.ToArray(), options.LatentDimension, options.Downsampling, options.Upsampling, options.Activation, options.OutputActivation);
}
