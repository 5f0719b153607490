using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLNet.Autoencoders.Tests.Reliability;

/// <summary>
/// One of the library's estimators, set up small enough for the reliability tests (a few epochs, one training
/// thread, a few dozen rows), and what those tests need to know about it: the input it reads, the columns its
/// transformer adds and how many parameter tensors a fitted model holds. Every component reads the column "Features".
/// </summary>
internal sealed class ReliabilityComponent
{
    /// <summary>The name the tests' data rows use, e.g. "Variational".</summary>
    public required string Name { get; init; }

    /// <summary>The type of the "Features" column the component is fitted on: a vector of 6, or 1x8x8 images.</summary>
    public required VectorDataViewType FeatureType { get; init; }

    /// <summary>Good training rows: (count, seed) to feature vectors.</summary>
    public required Func<int, int, float[][]> Rows { get; init; }

    /// <summary>Creates the estimator; the callback, when given, changes the options object first (see <see cref="ReliabilityComponents.Set"/>).</summary>
    public required Func<MLContext, Action<object>?, IEstimator<ITransformer>> CreateEstimator { get; init; }

    /// <summary>A per-row <see cref="float"/> output: "Score" or "ReconstructionError".</summary>
    public required string ScoreColumn { get; init; }

    /// <summary>A vector output of the input's size: "FeatureErrors" or "Reconstruction".</summary>
    public required string VectorColumn { get; init; }

    /// <summary>
    /// The parameter tensors (weights and biases) of a fitted model, over all its networks. TorchSharp 0.107 counts one
    /// temporary per parameter tensor created, forever (see <see cref="LiveTensors"/>), so every network built leaves this many behind.
    /// </summary>
    public required int ParameterTensors { get; init; }

    /// <summary>The networks a fitted model holds: the detector's ensemble size, 1 for an autoencoder.</summary>
    public int Networks { get; init; } = 1;

    /// <summary>Whether NaN in the input is a missing value (<c>TreatNaNAsMissing</c>) rather than an error or a NaN output.</summary>
    public bool TreatsNaNAsMissing { get; init; }

    public int FeatureCount => FeatureType.Size;

    public IEstimator<ITransformer> Estimator(MLContext ml, Action<object>? configure = null) => CreateEstimator(ml, configure);

    /// <summary>Loads <paramref name="rows"/> into a "Features" column of <see cref="FeatureType"/>.</summary>
    public IDataView Load(MLContext ml, IEnumerable<float[]> rows) => FeatureRow.Load(ml, rows, FeatureType);

    /// <summary><see cref="Rows"/>, loaded.</summary>
    public IDataView Data(MLContext ml, int count, int seed = 7) => Load(ml, Rows(count, seed));

    public override string ToString() => Name;
}
