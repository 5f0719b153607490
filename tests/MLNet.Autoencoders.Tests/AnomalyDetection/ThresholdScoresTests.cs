using Microsoft.ML;
using MLNet.Autoencoders.Estimators;
using MLNet.Autoencoders.Tests.TestData;

namespace MLNet.Autoencoders.Tests.AnomalyDetection;

/// <summary>
/// The threshold comes from one more pass over the data view than training made: a view that gives other values on that
/// pass (with the same row count) would set a threshold for data nobody trained on, so fitting fails and says to cache it.
/// </summary>
[TestClass]
public sealed class ThresholdScoresTests
{
    /// <summary>Manifold rows, shifted by a little more on every enumeration: a lazily computed view whose values change between passes.</summary>
    private sealed class DriftingRows(int count)
    {
        private int passes;

        public IEnumerable<ManifoldRow> Rows()
        {
            float drift = 1e-3f * passes++;
            foreach (var row in ManifoldData.Rows(count))
                yield return new ManifoldRow { Features = row.Features.Select(v => v + drift).ToArray(), Label = row.Label, Name = row.Name };
        }

        public IEnumerable<ManifoldRow> Enumerate() => new Replay(this);

        private sealed class Replay(DriftingRows source) : IEnumerable<ManifoldRow>
        {
            public IEnumerator<ManifoldRow> GetEnumerator() => source.Rows().GetEnumerator();

            System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
        }
    }

    [TestMethod]
    [DataRow(TrainingDataMode.InMemory)]
    [DataRow(TrainingDataMode.Streaming)]
    public void Fit_ValuesChangeBetweenTrainingAndThresholdPasses_ThrowsSuggestingCache(TrainingDataMode mode)
    {
        var ml = new MLContext(seed: 1);
        var data = ml.Data.LoadFromEnumerable(new DriftingRows(30).Enumerate());
        var options = AnomalyTestOptions.Small(ensembleSize: 1);
        options.Epochs = 2;
        options.DataMode = mode;

        var exception = Assert.ThrowsExactly<InvalidOperationException>(() => ml.AnomalyDetection.Trainers.Autoencoder(options).Fit(data));

        Assert.Contains("gave other values in column 'Features' when it was read to set the threshold", exception.Message);
        Assert.Contains("(30 rows both times); cache it first (mlContext.Data.Cache).", exception.Message);
    }

    [TestMethod]
    public void Fit_SameViewCached_SetsTheThreshold()
    {
        var ml = new MLContext(seed: 1);
        var data = ml.Data.Cache(ml.Data.LoadFromEnumerable(new DriftingRows(30).Enumerate()));
        var options = AnomalyTestOptions.Small(ensembleSize: 1);
        options.Epochs = 2;

        using var detector = ml.AnomalyDetection.Trainers.Autoencoder(options).Fit(data);

        Assert.IsTrue(float.IsFinite(detector.Threshold));
    }
}
