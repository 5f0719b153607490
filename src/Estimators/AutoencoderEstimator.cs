using Microsoft.ML;
using Microsoft.ML.Runtime;
using MLNet.Autoencoders.Estimators.Training;
using MLNet.Autoencoders.Transforms;
using MLNet.Autoencoders.Transforms.Networks;

namespace MLNet.Autoencoders.Estimators;

/// <summary>
/// Trains a dense (multilayer) autoencoder on a known-size vector of <see cref="float"/> and produces an
/// <see cref="AutoencoderTransformer"/> that adds the latent code, the reconstruction and the reconstruction error.
/// </summary>
/// <remarks>
/// <para>Input and output columns:</para>
/// <list type="table">
/// <listheader><term>Column</term><description>Type and meaning</description></listheader>
/// <item><term><see cref="AutoencoderTrainingOptions.InputColumnName"/></term><description>Input: known-size vector of <see cref="float"/>, sparse or dense; finite values only when fitting.</description></item>
/// <item><term><see cref="AutoencoderTrainingOptions.LatentColumnName"/></term><description>Output: vector of <see cref="float"/> of size <see cref="AutoencoderTrainingOptions.LatentDimension"/>.</description></item>
/// <item><term><see cref="AutoencoderOptions.TargetColumnName"/></term><description>Optional input: known-size vector of <see cref="float"/>, a paired target the network learns to produce instead of the input.</description></item>
/// <item><term><see cref="AutoencoderTrainingOptions.ReconstructionColumnName"/></term><description>Output: vector of <see cref="float"/> of the input's size, in the input's units (the target's size and units with a target).</description></item>
/// <item><term><see cref="AutoencoderTrainingOptions.ReconstructionErrorColumnName"/></term><description>Output: <see cref="float"/>, the mean over features of the squared difference between input (or target) and reconstruction, in its units; NaN for a model with a target when the scored data has no target column.</description></item>
/// </list>
/// <para>
/// Training minimises the mean squared reconstruction error of the scaled input (see <see cref="AutoencoderTrainingOptions.Scaling"/>)
/// with Adam, reporting each epoch's losses to <c>MLContext.Log</c> and to <see cref="AutoencoderTrainingOptions.EpochCompleted"/>.
/// A fixed seed (or an <c>MLContext</c> created with a seed) gives bit-identical models.
/// </para>
/// </remarks>
public sealed class AutoencoderEstimator : IEstimator<AutoencoderTransformer>
{
    private readonly IHost host;

    /// <summary>
    /// The options as they were when the estimator was created (a validated deep copy, so later changes to the caller's object
    /// cannot bypass validation); <see cref="live"/> supplies only the cancellation token and the epoch callback of each fit.
    /// </summary>
    private readonly AutoencoderOptions options;
    private readonly AutoencoderOptions live;

    internal AutoencoderEstimator(IHostEnvironment env, AutoencoderOptions options)
    {
        ArgumentNullException.ThrowIfNull(env);
        ArgumentNullException.ThrowIfNull(options);
        this.options = (AutoencoderOptions)options.Snapshot();
        AutoencoderOptionsValidation.Validate(this.options);
        host = env.Register(nameof(AutoencoderEstimator));
        live = options;
    }

    /// <summary>Trains the autoencoder on <paramref name="input"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The input column is missing, is not a known-size float vector, or holds NaN or an infinity.</exception>
    /// <exception cref="ArgumentException">The data has no rows.</exception>
    /// <exception cref="InvalidOperationException">Training diverged (the loss became NaN or infinite).</exception>
    /// <exception cref="InsufficientMemoryException">The network's parameters, their gradients and Adam's moments would need more memory than the machine has (the message gives the parameter count and what fits).</exception>
    /// <exception cref="OperationCanceledException"><see cref="AutoencoderTrainingOptions.CancellationToken"/> was cancelled.</exception>
    public AutoencoderTransformer Fit(IDataView input)
    {
        var options = live.ForFit(this.options);
        ArgumentNullException.ThrowIfNull(input);
        int? targetSize = PairedTargets.Size(input.Schema, options.TargetColumnName);
        var fitted = AutoencoderFitter.Fit(host, input, options, inputSize => ArchitectureFor(inputSize) with { TargetSize = targetSize });
        return new AutoencoderTransformer(fitted.Network, fitted.Scaler, AutoencoderFitter.ColumnNames(options), fitted.History, options.ScoringBatchSize,
            fitted.TargetScaler);
    }

    /// <summary>Describes the columns <see cref="Fit"/>'s transformer will add, checking the input column.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The input column is missing or is not a known-size float vector.</exception>
    public SchemaShape GetOutputSchema(SchemaShape inputSchema) => AutoencoderSchemaShape.Create(inputSchema, options);

    private DenseArchitecture ArchitectureFor(int inputSize)
    {
        int latent = options.LatentDimension;
        var encoder = options.HiddenLayers ?? [DefaultHiddenSize(inputSize, latent)];
        var decoder = options.DecoderHiddenLayers ?? encoder.Reverse().ToArray();
        return new DenseArchitecture(inputSize, encoder, latent, decoder, options.Activation, options.OutputActivation);
    }

    /// <summary>max(16, 2 x latent, sqrt(input x latent)), at most 512: wide enough to bend, small enough for small data.</summary>
    internal static int DefaultHiddenSize(int inputSize, int latent) =>
        Math.Min(512, Math.Max(Math.Max(16, 2 * latent), (int)Math.Round(Math.Sqrt((double)inputSize * latent))));
}
