using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Runtime;
using MLNet.Autoencoders.Estimators.Training;
using MLNet.Autoencoders.Transforms;
using MLNet.Autoencoders.Transforms.Networks;
using MLNet.Autoencoders.Transforms.Persistence;

namespace MLNet.Autoencoders.Estimators;

/// <summary>
/// Trains a dense variational autoencoder (VAE) on a known-size vector of <see cref="float"/> and produces an
/// <see cref="AutoencoderTransformer"/> that adds the posterior mean and log-variance, the reconstruction from the mean
/// and the reconstruction error, and can generate new rows (<see cref="AutoencoderTransformer.Sample"/>,
/// <see cref="AutoencoderTransformer.Decode"/>, <see cref="AutoencoderTransformer.Interpolate"/>).
/// </summary>
/// <remarks>
/// <para>Input and output columns:</para>
/// <list type="table">
/// <listheader><term>Column</term><description>Type and meaning</description></listheader>
/// <item><term><see cref="AutoencoderTrainingOptions.InputColumnName"/></term><description>Input: known-size vector of <see cref="float"/>, sparse or dense; finite values only when fitting, unless <see cref="AutoencoderTrainingOptions.TreatNaNAsMissing"/>.</description></item>
/// <item><term><see cref="AutoencoderTrainingOptions.LatentColumnName"/></term><description>Output: vector of <see cref="float"/> of size <see cref="AutoencoderTrainingOptions.LatentDimension"/>, the posterior mean: the deterministic code, for clustering or plotting.</description></item>
/// <item><term><see cref="AutoencoderTrainingOptions.ReconstructionColumnName"/></term><description>Output: vector of <see cref="float"/> of the input's size, the decoding of the posterior mean, in the input's units (deterministic).</description></item>
/// <item><term><see cref="AutoencoderTrainingOptions.ReconstructionErrorColumnName"/></term><description>Output: <see cref="float"/>, the mean over features of the squared difference between input and reconstruction, in the input's units; usable as an anomaly score (higher is more unusual).</description></item>
/// <item><term><see cref="VariationalAutoencoderOptions.LatentLogVarianceColumnName"/></term><description>Output: vector of <see cref="float"/> of size <see cref="AutoencoderTrainingOptions.LatentDimension"/>, the posterior log-variance of each latent dimension.</description></item>
/// <item><term><see cref="AutoencoderTrainingOptions.ImputedColumnName"/></term><description>Output, only with <see cref="AutoencoderTrainingOptions.TreatNaNAsMissing"/>: the input with each NaN replaced by the reconstruction.</description></item>
/// </list>
/// <para>
/// The encoder maps a scaled input x (see <see cref="AutoencoderTrainingOptions.Scaling"/>) to the mean m and log-variance
/// v of a diagonal Gaussian q(z | x); training decodes a sample z = m + exp(v / 2) * eps, eps ~ N(0, I) (the
/// reparameterization trick), and minimises, per batch of B rows of D features and a latent size of L,
/// </para>
/// <para><c>loss = (1 / (B * D)) * sum over rows and features of (x - decode(z))^2  +  Beta * (1 / (B * D)) * sum over rows of KL_row</c>,</para>
/// <para>
/// with <c>KL_row = -1/2 * sum over the L latent dims of (1 + v - m^2 - exp(v))</c>, the KL divergence of q(z | x) from
/// the prior N(0, I). Both terms are per-feature means, so beta = 1 is, up to a constant and the factor 1/D, the negative
/// evidence lower bound of a Gaussian decoder with variance 1/2 in scaled units. Each epoch reports the two terms,
/// "reconstruction" and "kl" (the latter already multiplied by beta), in <see cref="EpochLoss.TrainingTerms"/>; the
/// validation loss is the reconstruction error of the posterior means. Scoring never samples: the latent column is the
/// mean and the reconstruction decodes it, so outputs do not change from run to run. A fixed seed gives bit-identical models.
/// </para>
/// </remarks>
public sealed class VariationalAutoencoderEstimator : IEstimator<AutoencoderTransformer>
{
    private readonly IHost host;

    /// <summary>
    /// The options as they were when the estimator was created (a validated deep copy, so later changes to the caller's object
    /// cannot bypass validation); <see cref="live"/> supplies only the cancellation token and the epoch callback of each fit.
    /// </summary>
    private readonly VariationalAutoencoderOptions options;
    private readonly VariationalAutoencoderOptions live;

    internal VariationalAutoencoderEstimator(IHostEnvironment env, VariationalAutoencoderOptions options)
    {
        ArgumentNullException.ThrowIfNull(env);
        ArgumentNullException.ThrowIfNull(options);
        this.options = (VariationalAutoencoderOptions)options.Snapshot();
        AutoencoderOptionsValidation.Validate(this.options);
        host = env.Register(nameof(VariationalAutoencoderEstimator));
        live = options;
    }

    /// <summary>Trains the variational autoencoder on <paramref name="input"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The input column is missing, is not a known-size float vector, or holds an infinity (or NaN, unless <see cref="AutoencoderTrainingOptions.TreatNaNAsMissing"/>).</exception>
    /// <exception cref="ArgumentException">The data has no rows.</exception>
    /// <exception cref="InvalidOperationException">Training diverged (the loss became NaN or infinite).</exception>
    /// <exception cref="InsufficientMemoryException">The network's parameters, their gradients and Adam's moments would need more memory than the machine has (the message gives the parameter count and what fits).</exception>
    /// <exception cref="OperationCanceledException"><see cref="AutoencoderTrainingOptions.CancellationToken"/> was cancelled.</exception>
    public AutoencoderTransformer Fit(IDataView input)
    {
        var options = live.ForFit(this.options);
        var fitted = AutoencoderFitter.Fit(host, input, options, ArchitectureFor,
            settings => VariationalEstimation.WithKLWeight(settings, options.Beta));
        var columns = VariationalEstimation.ColumnNames(options, options.LatentLogVarianceColumnName);
        return new AutoencoderTransformer(fitted.Network, fitted.Scaler, columns, fitted.History, options.ScoringBatchSize);
    }

    /// <summary>Describes the columns <see cref="Fit"/>'s transformer will add, checking the input column.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The input column is missing or is not a known-size float vector.</exception>
    public SchemaShape GetOutputSchema(SchemaShape inputSchema) =>
        VariationalEstimation.WithLogVariance(AutoencoderSchemaShape.Create(inputSchema, options), options.LatentLogVarianceColumnName);

    private VariationalArchitecture ArchitectureFor(int inputSize)
    {
        int latent = options.LatentDimension;
        var encoder = options.HiddenLayers ?? [AutoencoderEstimator.DefaultHiddenSize(inputSize, latent)];
        var decoder = options.DecoderHiddenLayers ?? encoder.Reverse().ToArray();
        return new VariationalArchitecture(inputSize, encoder, latent, decoder, options.Activation, options.OutputActivation);
    }
}
