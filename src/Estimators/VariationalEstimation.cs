using Microsoft.ML;
using Microsoft.ML.Data;
using MLNet.Autoencoders.Estimators.Training;
using MLNet.Autoencoders.Transforms;
using MLNet.Autoencoders.Transforms.Networks;
using MLNet.Autoencoders.Transforms.Persistence;

namespace MLNet.Autoencoders.Estimators;

/// <summary>What the dense and the convolutional variational estimators add to an autoencoder's fit and schema.</summary>
internal static class VariationalEstimation
{
    /// <summary>Training settings that weigh the network's KL penalty by <paramref name="beta"/>.</summary>
    public static TrainingSettings WithKLWeight(TrainingSettings settings, float beta) =>
        settings with { PenaltyWeights = new Dictionary<string, double> { [VariationalAutoencoderNetwork.KLPenalty] = beta } };

    /// <summary>The output columns, the posterior log-variance included.</summary>
    public static AutoencoderColumnNames ColumnNames(AutoencoderTrainingOptions options, string logVarianceColumnName) =>
        AutoencoderFitter.ColumnNames(options) with { LatentLogVariance = logVarianceColumnName };

    /// <summary><paramref name="shape"/> with the log-variance column (a vector of Single) added.</summary>
    public static SchemaShape WithLogVariance(SchemaShape shape, string logVarianceColumnName)
    {
        var columns = shape.ToDictionary(c => c.Name);
        columns[logVarianceColumnName] = MlNetInternals.CreateColumn(logVarianceColumnName,
            SchemaShape.Column.VectorKind.Vector, NumberDataViewType.Single, false);
        return MlNetInternals.CreateSchemaShape(columns.Values);
    }
}
