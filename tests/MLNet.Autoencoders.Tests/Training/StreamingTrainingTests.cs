using Microsoft.ML;
using MLNet.Autoencoders.Estimators;
using MLNet.Autoencoders.Tests.TestData;
using MLNet.Autoencoders.Transforms;

namespace MLNet.Autoencoders.Tests.Training;

[TestClass]
public sealed class StreamingTrainingTests
{
    private static AutoencoderOptions Options(TrainingDataMode mode, int epochs = 15, int? seed = 3) => new()
    {
        LatentDimension = 2,
        HiddenLayers = [16],
        Epochs = epochs,
        BatchSize = 32,
        LearningRate = 0.01f,
        EarlyStoppingPatience = 0,
        DataMode = mode,
        StreamingBufferRows = 200,
        Seed = seed,
    };

    private static double MeanError(AutoencoderTransformer model, IDataView data) =>
        Columns.Floats(model.Transform(data), "ReconstructionError").Average();

    [TestMethod]
    public void Fit_Streaming_ReconstructsAboutAsWellAsInMemory()
    {
        var ml = new MLContext(seed: 1);
        var data = new GeneratedDataView(1500);
        using var inMemory = ml.Transforms.Autoencoder(Options(TrainingDataMode.InMemory)).Fit(data);
        using var streaming = ml.Transforms.Autoencoder(Options(TrainingDataMode.Streaming)).Fit(data);

        double streamingError = MeanError(streaming, data), inMemoryError = MeanError(inMemory, data), baseline = data.MeanBaselineError();
        Assert.IsLessThan(baseline * 0.25, streamingError, $"streaming {streamingError}, mean baseline {baseline}");
        Assert.IsLessThan(inMemoryError * 1.5 + baseline * 0.02, streamingError, $"streaming {streamingError}, in memory {inMemoryError}");
        Assert.IsLessThan(streaming.LossHistory[0].TrainingLoss * 0.5, streaming.LossHistory[^1].TrainingLoss);
    }

    [TestMethod]
    public void Fit_StreamingSameSeed_GivesBitIdenticalOutputs()
    {
        var ml = new MLContext();
        var data = new GeneratedDataView(600, canShuffle: true);
        using var first = ml.Transforms.Autoencoder(Options(TrainingDataMode.Streaming, epochs: 4, seed: 5)).Fit(data);
        using var second = ml.Transforms.Autoencoder(Options(TrainingDataMode.Streaming, epochs: 4, seed: 5)).Fit(data);
        using var other = ml.Transforms.Autoencoder(Options(TrainingDataMode.Streaming, epochs: 4, seed: 6)).Fit(data);

        var firstErrors = Columns.Floats(first.Transform(data), "ReconstructionError");
        CollectionAssert.AreEqual(firstErrors, Columns.Floats(second.Transform(data), "ReconstructionError"));
        CollectionAssert.AreEqual(first.LossHistory.Select(e => e.TrainingLoss).ToArray(), second.LossHistory.Select(e => e.TrainingLoss).ToArray());
        CollectionAssert.AreNotEqual(firstErrors, Columns.Floats(other.Transform(data), "ReconstructionError"));
    }

    [TestMethod]
    public void Fit_Streaming_ReadsTheViewOncePerEpochPlusOnceForStatistics()
    {
        var ml = new MLContext(seed: 1);
        var data = new GeneratedDataView(1000, canShuffle: true);   // GetRowCount() is null: nothing can pre-size a copy
        var options = Options(TrainingDataMode.Streaming, epochs: 3);
        options.StreamingBufferRows = 64;
        using var model = ml.Transforms.Autoencoder(options).Fit(data);

        Assert.AreEqual(3 + 1, data.Cursors);
        Assert.AreEqual(3, data.ShuffledCursors, "every epoch's cursor, not the statistics pass, asks the view to shuffle");
        // The statistics pass reads all 1,000 rows; each epoch reads the same training rows, skipping the ~10% validation rows by id.
        long perEpoch = (data.RowsRead - 1000) / 3;
        Assert.AreEqual(0, (data.RowsRead - 1000) % 3, $"rows read {data.RowsRead}");
        Assert.IsTrue(perEpoch is >= 850 and < 1000, $"training rows per epoch {perEpoch}");
        Assert.HasCount(3, model.LossHistory);
    }

    [TestMethod]
    public void Fit_InMemory_ViewThatKnowsItsRowCount_IsReadOnce()
    {
        var ml = new MLContext(seed: 1);
        var data = new GeneratedDataView(300, knowsRowCount: true);
        using var model = ml.Transforms.Autoencoder(Options(TrainingDataMode.InMemory, epochs: 3)).Fit(data);

        Assert.AreEqual(1, data.Cursors);
        Assert.AreEqual(300, data.RowsRead);
    }

    [TestMethod]
    public void Fit_InMemory_ViewWithoutRowCount_IsCountedWithoutReadingValues_ThenReadOnce()
    {
        var ml = new MLContext(seed: 1);
        var data = new GeneratedDataView(300);
        using var model = ml.Transforms.Autoencoder(Options(TrainingDataMode.InMemory, epochs: 3)).Fit(data);

        Assert.AreEqual(2, data.Cursors, "a counting pass sizes the native matrix exactly, then one pass reads it");
        Assert.AreEqual(300, data.RowsRead, "the counting pass reads no values");
    }

    [TestMethod]
    public void Fit_InMemory_ViewWhoseRowsChangeBetweenPasses_ThrowsAndSuggestsCaching()
    {
        var ml = new MLContext(seed: 1);
        int passes = 0;
        IEnumerable<ManifoldRow> Growing()
        {
            foreach (var row in ManifoldData.Rows(100 + 10 * passes++))
                yield return row;
        }
        var data = ml.Data.LoadFromEnumerable(Growing());
        Assert.IsNull(data.GetRowCount(), "the view must not know its row count, so that Fit counts the rows first");

        var error = Assert.ThrowsExactly<InvalidOperationException>(() => ml.Transforms.Autoencoder(Options(TrainingDataMode.InMemory, epochs: 1)).Fit(data));
        StringAssert.Contains(error.Message, "gave 100 rows when counted and more when column 'Features' was read");
        StringAssert.Contains(error.Message, "mlContext.Data.Cache");
    }

    [TestMethod]
    public void Fit_AutoAboveTheBudget_Streams()
    {
        var ml = new MLContext(seed: 1);
        var small = new GeneratedDataView(400, knowsRowCount: true);
        var options = Options(TrainingDataMode.Auto, epochs: 2);
        options.InMemoryBudgetMegabytes = 1;
        using (ml.Transforms.Autoencoder(options).Fit(small))
            Assert.AreEqual(1, small.Cursors, "400 x 6 floats fit in 1 MB: read into memory");

        var large = new GeneratedDataView(50_000, featureCount: 6, knowsRowCount: true);   // 1.1 MB of values
        options.Epochs = 1;
        using (ml.Transforms.Autoencoder(options).Fit(large))
            Assert.AreEqual(2, large.Cursors, "over the budget: one statistics pass and one epoch");
    }

    [TestMethod]
    public void Fit_Streaming_ScalerMatchesInMemoryExactly()
    {
        var ml = new MLContext(seed: 1);
        var data = new GeneratedDataView(500, missingEvery: 7);
        foreach (var scaling in new[] { InputScaling.Standardize, InputScaling.MinMax })
        {
            var streamingOptions = Options(TrainingDataMode.Streaming, epochs: 1);
            var inMemoryOptions = Options(TrainingDataMode.InMemory, epochs: 1);
            streamingOptions.Scaling = inMemoryOptions.Scaling = scaling;
            streamingOptions.TreatNaNAsMissing = inMemoryOptions.TreatNaNAsMissing = true;
            using var streaming = ml.Transforms.Autoencoder(streamingOptions).Fit(data);
            using var inMemory = ml.Transforms.Autoencoder(inMemoryOptions).Fit(data);

            CollectionAssert.AreEqual(inMemory.Scaler.Offset.ToArray(), streaming.Scaler.Offset.ToArray(), $"{scaling} offset");
            CollectionAssert.AreEqual(inMemory.Scaler.Scale.ToArray(), streaming.Scaler.Scale.ToArray(), $"{scaling} scale");
            CollectionAssert.AreEqual(inMemory.Scaler.MissingValueFill!.ToArray(), streaming.Scaler.MissingValueFill!.ToArray(), $"{scaling} fill");
        }
    }

    [TestMethod]
    public void Fit_StreamingWithMissingValues_ImputesBetterThanTheFill()
    {
        var ml = new MLContext(seed: 1);
        var data = new GeneratedDataView(1500, missingEvery: 5);
        var options = Options(TrainingDataMode.Streaming, epochs: 25);
        options.TreatNaNAsMissing = true;
        options.Noise = NoiseKind.Masking;
        options.NoiseLevel = 0.2f;
        using var model = ml.Transforms.Autoencoder(options).Fit(data);

        var imputed = Columns.Vectors(model.Transform(data), "Imputed");
        var fill = model.Scaler.MissingValueFill!;
        var truth = new GeneratedDataView(1500);
        var row = new float[truth.FeatureCount];
        double modelError = 0, fillError = 0;
        int missing = 0;
        for (int i = 0; i < imputed.Length; i++)
        {
            truth.Fill(i, row);
            for (int j = 0; j < row.Length; j++)
            {
                if ((i * row.Length + j) % 5 != 0)
                    continue;
                missing++;
                modelError += Math.Pow(imputed[i][j] - row[j], 2);
                fillError += Math.Pow(fill[j] - row[j], 2);
            }
        }
        Assert.IsGreaterThan(0, missing);
        Assert.IsLessThan(fillError * 0.7, modelError, $"model {modelError / missing}, mean fill {fillError / missing}");
    }

    [TestMethod]
    public void Fit_StreamingWithValidation_StopsEarlyAndReportsValidationLoss()
    {
        var ml = new MLContext(seed: 1);
        var data = new GeneratedDataView(400);
        var options = Options(TrainingDataMode.Streaming, epochs: 300);
        options.ValidationFraction = 0.2f;
        options.EarlyStoppingPatience = 3;
        options.LearningRate = 0.05f;
        using var model = ml.Transforms.Autoencoder(options).Fit(data);

        Assert.IsLessThan(300, model.LossHistory.Count, "early stopping ended training");
        Assert.IsTrue(model.LossHistory.All(e => e.ValidationLoss is > 0), "every epoch has a validation loss");
        Assert.AreEqual(model.LossHistory.Count + 1, data.Cursors, "validation reads no extra pass");
    }

    [TestMethod]
    public void Fit_StreamingWithSaltAndPepperNoise_Trains()
    {
        var ml = new MLContext(seed: 1);
        var data = new GeneratedDataView(400);
        var options = Options(TrainingDataMode.Streaming, epochs: 5);
        options.Noise = NoiseKind.SaltAndPepper;
        using var model = ml.Transforms.Autoencoder(options).Fit(data);

        Assert.IsLessThan(model.LossHistory[0].TrainingLoss, model.LossHistory[^1].TrainingLoss);
    }

    [TestMethod]
    public void Fit_StreamingCancelled_Throws()
    {
        var ml = new MLContext(seed: 1);
        using var cancellation = new CancellationTokenSource();
        var options = Options(TrainingDataMode.Streaming, epochs: 50);
        options.EpochCompleted = _ => cancellation.Cancel();
        options.CancellationToken = cancellation.Token;

        Assert.Throws<OperationCanceledException>(() => ml.Transforms.Autoencoder(options).Fit(new GeneratedDataView(300)));
    }

    [TestMethod]
    public void Fit_StreamingNoRows_ThrowsNamingTheColumn()
    {
        var ml = new MLContext(seed: 1);
        var exception = Assert.Throws<ArgumentException>(() => ml.Transforms.Autoencoder(Options(TrainingDataMode.Streaming)).Fit(new GeneratedDataView(0)));
        Assert.Contains("'Features'", exception.Message);
        Assert.Contains("no rows", exception.Message);
    }

    [TestMethod]
    [DataRow(nameof(AutoencoderOptions.StreamingBufferRows), 0)]
    [DataRow(nameof(AutoencoderOptions.InMemoryBudgetMegabytes), -1)]
    [DataRow(nameof(AutoencoderOptions.DataMode), 7)]
    public void Constructor_BadDataOption_ThrowsWithNameRuleAndValue(string option, int value)
    {
        var ml = new MLContext(seed: 1);
        var options = Options(TrainingDataMode.Streaming);
        switch (option)
        {
            case nameof(AutoencoderOptions.StreamingBufferRows): options.StreamingBufferRows = value; break;
            case nameof(AutoencoderOptions.InMemoryBudgetMegabytes): options.InMemoryBudgetMegabytes = value; break;
            default: options.DataMode = (TrainingDataMode)value; break;
        }
        var exception = Assert.Throws<ArgumentOutOfRangeException>(() => ml.Transforms.Autoencoder(options).Fit(new GeneratedDataView(10)));
        Assert.Contains($"'{option}' must be", exception.Message);
        Assert.Contains($"Got {value}", exception.Message);
        if (option == nameof(AutoencoderOptions.DataMode))
            Assert.Contains("Auto, InMemory, Streaming", exception.Message);
    }
}
