using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Runtime;
using MLNet.Autoencoders.Estimators.Training;
using MLNet.Autoencoders.Transforms;
using MLNet.Autoencoders.Transforms.Networks;
using MLNet.Autoencoders.Transforms.Persistence;

namespace MLNet.Autoencoders.Estimators;

/// <summary>
/// Trains a convolutional variational autoencoder on images held in a known-size vector of <see cref="float"/> (such as the
/// pixels <c>LoadImages -> ResizeImages -> ExtractPixels</c> produce) and returns an <see cref="AutoencoderTransformer"/> that adds
/// the posterior mean and log-variance, the reconstruction from the mean and the reconstruction error, and can generate new
/// images (<see cref="AutoencoderTransformer.Sample"/>, <see cref="AutoencoderTransformer.Decode"/>, <see cref="AutoencoderTransformer.Interpolate"/>).
/// </summary>
/// <remarks>
/// <para>Input and output columns:</para>
/// <list type="table">
/// <listheader><term>Column</term><description>Type and meaning</description></listheader>
/// <item><term><see cref="AutoencoderTrainingOptions.InputColumnName"/></term><description>Input: known-size vector of <see cref="float"/> holding
/// planar images of <see cref="ConvolutionalNetworkOptions.ImageShape"/>, or of the column's own (channels, height, width) dimensions, as for
/// <see cref="ConvolutionalAutoencoderEstimator"/>.</description></item>
/// <item><term><see cref="AutoencoderTrainingOptions.LatentColumnName"/></term><description>Output: vector of <see cref="float"/> of size <see cref="AutoencoderTrainingOptions.LatentDimension"/>, the posterior mean.</description></item>
/// <item><term><see cref="AutoencoderTrainingOptions.ReconstructionColumnName"/></term><description>Output: vector of <see cref="float"/> of the input's size, the decoding of the posterior mean, in the input's units.</description></item>
/// <item><term><see cref="AutoencoderTrainingOptions.ReconstructionErrorColumnName"/></term><description>Output: <see cref="float"/>, the mean over pixels of the squared difference between input and reconstruction, in the input's units.</description></item>
/// <item><term><see cref="ConvolutionalVariationalAutoencoderOptions.LatentLogVarianceColumnName"/></term><description>Output: vector of <see cref="float"/> of size <see cref="AutoencoderTrainingOptions.LatentDimension"/>, the posterior log-variance of each latent dimension.</description></item>
/// <item><term><see cref="AutoencoderTrainingOptions.ImputedColumnName"/></term><description>Output, only with <see cref="AutoencoderTrainingOptions.TreatNaNAsMissing"/>: the input with each NaN replaced by the reconstruction.</description></item>
/// </list>
/// <para>
/// The network is the convolutional autoencoder's (see <see cref="ConvolutionalArchitecture"/>) with two linear heads, the posterior
/// mean and log-variance, after the encoder's blocks. Training samples the code with the reparameterization trick and minimises
/// exactly the dense <see cref="VariationalAutoencoderEstimator"/>'s loss: the mean squared reconstruction error over batch and pixels
/// plus <see cref="ConvolutionalVariationalAutoencoderOptions.Beta"/> times the KL divergence from N(0, I), summed over the latent
/// dimensions, averaged over the batch and divided by the number of pixel values. Each epoch reports both terms, "reconstruction" and
/// "kl", in <see cref="EpochLoss.TrainingTerms"/>. Scoring never samples, and a fixed seed gives bit-identical models.
/// </para>
/// </remarks>
public sealed class ConvolutionalVariationalAutoencoderEstimator : IEstimator<AutoencoderTransformer>
{
    private readonly IHost host;

    /// <summary>
    /// The options as they were when the estimator was created (a validated deep copy, so later changes to the caller's object
    /// cannot bypass validation); <see cref="live"/> supplies only the cancellation token and the epoch callback of each fit.
    /// </summary>
    private readonly ConvolutionalVariationalAutoencoderOptions options;
    private readonly ConvolutionalVariationalAutoencoderOptions live;

    internal ConvolutionalVariationalAutoencoderEstimator(IHostEnvironment env, ConvolutionalVariationalAutoencoderOptions options)
    {
        ArgumentNullException.ThrowIfNull(env);
        ArgumentNullException.ThrowIfNull(options);
        this.options = (ConvolutionalVariationalAutoencoderOptions)options.Snapshot();
        ConvolutionalAutoencoderOptionsValidation.Validate(this.options);
        host = env.Register(nameof(ConvolutionalVariationalAutoencoderEstimator));
        live = options;
    }

    /// <summary>Trains the convolutional variational autoencoder on <paramref name="input"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The input column is missing, is not a known-size float vector, does not hold images of a
    /// shape the blocks fit (the message names the column, the expected and the actual shape), or holds an infinity (or NaN, unless
    /// <see cref="AutoencoderTrainingOptions.TreatNaNAsMissing"/>).</exception>
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
        var fitted = AutoencoderFitter.Fit(host, input, options,
            _ => new ConvolutionalVariationalArchitecture(ConvolutionalAutoencoderEstimator.ArchitectureFor(image, options)),
            settings => VariationalEstimation.WithKLWeight(settings, options.Beta));
        var columns = VariationalEstimation.ColumnNames(options, options.LatentLogVarianceColumnName);
        return new AutoencoderTransformer(fitted.Network, fitted.Scaler, columns, fitted.History, options.ScoringBatchSize);
    }

    /// <summary>Describes the columns <see cref="Fit"/>'s transformer will add, checking the input column and a declared <see cref="ConvolutionalNetworkOptions.ImageShape"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The input column is missing or is not a known-size float vector, or the declared image shape does not fit the blocks.</exception>
    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        AutoencoderSchemaShape.RequireFloatVector(inputSchema, options.InputColumnName);
        ConvolutionalInputShape.CheckDeclared(options.InputColumnName, options);
        return VariationalEstimation.WithLogVariance(AutoencoderSchemaShape.Create(inputSchema, options), options.LatentLogVarianceColumnName);
    }
}
