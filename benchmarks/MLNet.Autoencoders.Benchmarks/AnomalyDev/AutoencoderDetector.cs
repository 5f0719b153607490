using System.Diagnostics;
using Microsoft.ML;
using Microsoft.ML.Data;
using MLNet.Autoencoders.Estimators.AnomalyDetection;

namespace MLNet.Autoencoders.Benchmarks.AnomalyDev;

/// <summary>
/// The detector the anomaly-dev benchmark measures: <c>ml.AnomalyDetection.Trainers.Autoencoder(options)</c> fitted and
/// scored on every row of a set, with <c>new MLContext(seed)</c>. The options come from a factory, so that tuning
/// can plug in other settings (or another detector altogether: the harness only needs a
/// <c>Func&lt;AnomalySet, int, DetectorOutcome&gt;</c>).
/// </summary>
internal static class AutoencoderDetector
{
    private const string FeaturesColumn = "Features";

    /// <summary>A detector run that fits the autoencoder detector with the options <paramref name="options"/> returns.</summary>
    public static Func<AnomalySet, int, DetectorOutcome> Create(Func<AutoencoderAnomalyOptions> options) => (set, seed) =>
    {
        var ml = new MLContext(seed);
        IDataView data = ml.Data.Cache(ToDataView(ml, set));
        var settings = options();
        settings.FeatureColumnName = FeaturesColumn;
        var clock = Stopwatch.StartNew();
        using var model = ml.AnomalyDetection.Trainers.Autoencoder(settings).Fit(data);
        var fitTime = clock.Elapsed;
        for (int member = 0; member < model.LossHistories.Count; member++)
            LossCheck.ThrowIfNotFinite($"{set.Name}, network {member + 1}", model.LossHistories[member]);
        double[] scores = [.. model.Transform(data).GetColumn<float>(settings.ScoreColumnName).Select(s => (double)s)];
        return new DetectorOutcome(scores, fitTime);
    };

    /// <summary>The set as an <see cref="IDataView"/> with one known-size "Features" vector of <see cref="float"/> per row.</summary>
    public static IDataView ToDataView(MLContext ml, AnomalySet set)
    {
        var schema = SchemaDefinition.Create(typeof(FeatureRow));
        schema[nameof(FeatureRow.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, set.Dimension);
        var rows = Enumerable.Range(0, set.Rows).Select(i => new FeatureRow
        {
            Features = [.. set.Features.AsSpan(i * set.Dimension, set.Dimension).ToArray().Select(v => (float)v)],
        });
        return ml.Data.LoadFromEnumerable(rows.ToList(), schema);
    }

    private sealed class FeatureRow
    {
        public float[] Features { get; set; } = [];
    }
}
