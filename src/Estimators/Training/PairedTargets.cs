using Microsoft.ML;
using Microsoft.ML.Data;
using MLNet.Autoencoders.Transforms;
using MLNet.Autoencoders.Transforms.Networks;
using MLNet.Autoencoders.Transforms.Scoring;

namespace MLNet.Autoencoders.Estimators.Training;

/// <summary>
/// The paired target of a network trained to map its input to another column (e.g. small images to large ones): every
/// row's target, scaled with its own learned scaling and indexed like the input's training matrix, and the validation rows'
/// targets, split off with the same seeded shuffle as the input's validation rows so that the two stay paired.
/// </summary>
internal sealed class PairedTargets : IDisposable
{
    private PairedTargets(FeatureScaler scaler, TrainingMatrix rows, TrainingMatrix? validation)
    {
        Scaler = scaler;
        Rows = rows;
        Validation = validation;
    }

    /// <summary>The target's scaling, stored in the model to map the network's output back to the target's units.</summary>
    public FeatureScaler Scaler { get; }

    /// <summary>Every row's scaled target, in the input matrix's row order (batches pick theirs by row index).</summary>
    public TrainingMatrix Rows { get; }

    /// <summary>The validation rows' scaled targets, in the order of the input's validation matrix; <see langword="null"/> without validation.</summary>
    public TrainingMatrix? Validation { get; }

    /// <summary>
    /// The target column <paramref name="name"/> names, checked against <paramref name="architecture"/>'s output size; <see langword="null"/>
    /// when no target is named.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The column is missing, not a known-size float vector, or not of the network's output size.</exception>
    public static DataViewSchema.Column? FindColumn(DataViewSchema schema, string? name, NetworkArchitecture architecture)
    {
        if (name is null)
            return null;
        if (!architecture.HasTarget)
            throw new InvalidOperationException($"A target column ('{name}') needs a network with a target; {architecture} has none.");
        return InputColumn.Find(schema, name, architecture.OutputSize);
    }

    /// <summary>The size of the target column <paramref name="name"/> names in <paramref name="schema"/>, or <see langword="null"/> when no target is named.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The column is missing or not a known-size float vector.</exception>
    public static int? Size(DataViewSchema schema, string? name) =>
        name is null ? null : ((VectorDataViewType)InputColumn.Find(schema, name).Type).Size;

    /// <summary>Reads and scales the target column; splits off <paramref name="validationCount"/> validation rows as <see cref="TrainingMatrix.Split"/> does with <paramref name="seed"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A target holds NaN or an infinity (the message names the column, the row and the feature).</exception>
    public static PairedTargets Read(IDataView input, DataViewSchema.Column column, int rowCount, InputScaling scaling, int validationCount, int seed,
        CancellationToken cancellation)
    {
        int size = ((VectorDataViewType)column.Type).Size;
        var rows = TrainingMatrix.Read(input, column, size, cancellation, allowMissing: false, canTreatNaNAsMissing: false);
        try
        {
            if (rows.RowCount != rowCount)
                throw new InvalidOperationException($"The data view gave {rowCount} rows for the input and {rows.RowCount} for target column '{column.Name}'; cache it first (mlContext.Data.Cache).");
            var scaler = FeatureScaler.Fit(scaling, rows.Values, rows.RowCount, size);
            scaler.Apply(rows.Values);
            var (_, validation) = rows.Split(validationCount, new Random(seed));
            return new PairedTargets(scaler, rows, validation);
        }
        catch
        {
            rows.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        Rows.Dispose();
        Validation?.Dispose();
    }
}
