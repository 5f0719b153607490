using Microsoft.ML;
using Microsoft.ML.Data;
using MLNet.Autoencoders.Estimators;
using MLNet.Autoencoders.Tests.Export;
using MLNet.Autoencoders.Tests.Persistence;
using MLNet.Autoencoders.Tests.TestData;
using MLNet.Autoencoders.Transforms;

namespace MLNet.Autoencoders.Tests.PairedTargets;

/// <summary>
/// Dense and convolutional networks trained with <c>TargetColumnName</c>: the decoder learns another column than the input,
/// the reconstruction is in the target's size and units, and the error compares with the target when the data has it.
/// </summary>
[TestClass]
public sealed class PairedTargetTests
{
    private static AutoencoderOptions DenseOptions(int seed = 3, int epochs = 60) => new()
    {
        TargetColumnName = "Target",
        LatentDimension = 4,
        HiddenLayers = [32],
        Epochs = epochs,
        BatchSize = 32,
        LearningRate = 0.01f,
        Seed = seed,
    };

    [TestMethod]
    public void Fit_WithDenseTarget_PredictsTheTargetFarBetterThanItsMeans()
    {
        var ml = new MLContext(seed: 1);
        var rows = PairedData.Rows(500);
        var data = ml.Data.LoadFromEnumerable(rows);
        using var model = ml.Transforms.Autoencoder(DenseOptions()).Fit(data);

        var scored = model.Transform(data);
        Assert.HasCount(6, Columns.Vectors(scored, "Reconstruction")[0]);
        double error = Columns.Floats(scored, "ReconstructionError").Average();
        double baseline = PairedData.MeanBaselineError(rows.Select(r => r.Target).ToArray());
        Assert.IsLessThan(baseline * 0.2, error, $"paired network {error}, target-mean baseline {baseline}");
        Assert.AreEqual(6, model.Architecture.OutputSize);
        Assert.IsTrue(model.Architecture.HasTarget);
        Assert.AreEqual("Target", model.Columns.Target);
    }

    [TestMethod]
    public void Transform_WithoutTheTargetColumn_GivesTheSamePredictionAndNaNError()
    {
        var ml = new MLContext(seed: 1);
        var rows = PairedData.Rows(300);
        using var model = ml.Transforms.Autoencoder(DenseOptions()).Fit(ml.Data.LoadFromEnumerable(rows));

        var withTarget = model.Transform(ml.Data.LoadFromEnumerable(rows));
        var inputsOnly = model.Transform(ml.Data.LoadFromEnumerable(rows.Select(r => new InputOnlyRow { Features = r.Features })));
        CollectionAssert.AreEqual(Columns.Vectors(withTarget, "Reconstruction")[7], Columns.Vectors(inputsOnly, "Reconstruction")[7]);
        Assert.IsTrue(Columns.Floats(inputsOnly, "ReconstructionError").All(float.IsNaN));
        Assert.IsTrue(Columns.Floats(withTarget, "ReconstructionError").All(float.IsFinite));

        var engine = ml.Model.CreatePredictionEngine<InputOnlyRow, PairedPrediction>(model);
        var single = engine.Predict(new InputOnlyRow { Features = rows[7].Features });
        var batched = Columns.Vectors(inputsOnly, "Reconstruction")[7];
        for (int j = 0; j < 6; j++)
            Assert.AreEqual(batched[j], single.Reconstruction[j], 1e-5, $"value {j}: a one-row forward pass may differ from a batch's in the last bits");
        Assert.IsTrue(float.IsNaN(single.ReconstructionError));
    }

    [TestMethod]
    public void Fit_SameSeed_GivesBitIdenticalPredictions()
    {
        var ml = new MLContext();
        var data = ml.Data.LoadFromEnumerable(PairedData.Rows(200));
        using var first = ml.Transforms.Autoencoder(DenseOptions(seed: 9)).Fit(data);
        using var second = ml.Transforms.Autoencoder(DenseOptions(seed: 9)).Fit(data);

        CollectionAssert.AreEqual(Columns.Floats(first.Transform(data), "ReconstructionError"), Columns.Floats(second.Transform(data), "ReconstructionError"));
    }

    [TestMethod]
    public void SaveAndLoad_WithTarget_GivesIdenticalOutputsAndDecodesToTheTargetSize()
    {
        var ml = new MLContext(seed: 1);
        var data = ml.Data.LoadFromEnumerable(PairedData.Rows(200));
        using var model = ml.Transforms.Autoencoder(DenseOptions(epochs: 5)).Fit(data);
        using var folder = new TempDirectory();
        string path = folder.File("paired.zip");
        ml.Model.Save(model, data.Schema, path);
        using var loaded = (AutoencoderTransformer)ml.Model.Load(path, out _);

        Assert.AreEqual("Target", loaded.Columns.Target);
        CollectionAssert.AreEqual(Columns.Floats(model.Transform(data), "ReconstructionError"), Columns.Floats(loaded.Transform(data), "ReconstructionError"));
        var decoded = Columns.Vectors(loaded.Decode([new float[4]]), "Target");
        Assert.HasCount(6, decoded[0]);
        CollectionAssert.AreEqual(Columns.Vectors(model.Decode([new float[4]]), "Target")[0], decoded[0]);
    }

    [TestMethod]
    public void ExportToOnnx_WithTarget_GivesTheTransformersPredictionWithoutAnErrorOutput()
    {
        var ml = new MLContext(seed: 1);
        var rows = PairedData.Rows(100);
        var data = ml.Data.LoadFromEnumerable(rows);
        using var model = ml.Transforms.Autoencoder(DenseOptions(epochs: 5)).Fit(data);
        using var folder = new TempDirectory();
        string path = folder.File("paired.onnx");
        model.ExportToOnnx(path);

        var outputs = OnnxRuntimeScoring.Run(path, "Features", rows.Select(r => r.Features).ToArray());
        Assert.IsFalse(outputs.ContainsKey("ReconstructionError"));
        var expected = Columns.Vectors(model.Transform(data), "Reconstruction");
        for (int i = 0; i < rows.Length; i++)
        {
            var actual = (float[])outputs["Reconstruction"][i];
            for (int j = 0; j < 6; j++)
                Assert.AreEqual(expected[i][j], actual[j], 1e-5, $"row {i}, value {j}");
        }
    }

    [TestMethod]
    public void Fit_ConvolutionalUpscaling_BeatsNearestNeighbourUpscaling()
    {
        var ml = new MLContext(seed: 1);
        var rows = PairedData.Upscaling(600);
        var data = ml.Data.LoadFromEnumerable(rows);
        var options = new ConvolutionalAutoencoderOptions
        {
            InputColumnName = "Small",
            TargetColumnName = "Large",
            Channels = [16],
            LatentDimension = 16,
            Epochs = 25,
            BatchSize = 32,
            LearningRate = 0.005f,
            Seed = 2,
        };
        using var model = ml.Transforms.ConvolutionalAutoencoder(options).Fit(data);

        Assert.AreEqual(256, model.Architecture.OutputSize);
        double error = Columns.Floats(model.Transform(data), "ReconstructionError").Average();
        double nearest = rows.Average(r => PairedData.NearestNeighbour(r.Small).Zip(r.Large, (a, b) => (a - b) * (a - b)).Average());
        Assert.IsLessThan(nearest, error, $"network {error}, nearest-neighbour upscaling {nearest}");
    }

    [TestMethod]
    public void Fit_TargetColumnMissing_ThrowsWithItsName()
    {
        var ml = new MLContext(seed: 1);
        var data = ml.Data.LoadFromEnumerable(PairedData.Rows(50).Select(r => new InputOnlyRow { Features = r.Features }));
        var error = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => ml.Transforms.Autoencoder(DenseOptions()).Fit(data));
        StringAssert.Contains(error.Message, "Could not find input column 'Target'");
        var schemaError = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => ml.Transforms.Autoencoder(DenseOptions()).GetOutputSchema(SchemaShapes.Of(data.Schema)));
        StringAssert.Contains(schemaError.Message, "Could not find input column 'Target'");
    }

    [TestMethod]
    public void Fit_TargetNotAFloatVector_ThrowsSchemaMismatch()
    {
        var ml = new MLContext(seed: 1);
        var data = ml.Data.LoadFromEnumerable(PairedData.Rows(50).Select(r => new { r.Features, Target = r.Target[0] }));
        var error = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => ml.Transforms.Autoencoder(DenseOptions()).Fit(data));
        StringAssert.Contains(error.Message, "Schema mismatch for input column 'Target': expected known-size vector of Single, got Single");
    }

    [TestMethod]
    public void Fit_TargetWithNaN_ThrowsNamingTheColumnAndRow()
    {
        var ml = new MLContext(seed: 1);
        var rows = PairedData.Rows(50);
        rows[12].Target[3] = float.NaN;
        var error = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => ml.Transforms.Autoencoder(DenseOptions()).Fit(ml.Data.LoadFromEnumerable(rows)));
        StringAssert.Contains(error.Message, "'Target'");
        StringAssert.Contains(error.Message, "12");
    }

    [TestMethod]
    public void Transform_TargetOfAnotherSize_ThrowsSchemaMismatch()
    {
        var ml = new MLContext(seed: 1);
        using var model = ml.Transforms.Autoencoder(DenseOptions(epochs: 2)).Fit(ml.Data.LoadFromEnumerable(PairedData.Rows(50)));
        var schema = SchemaDefinition.Create(typeof(PairedRow));
        schema["Target"].ColumnType = new VectorDataViewType(NumberDataViewType.Single, 4);
        var other = ml.Data.LoadFromEnumerable(PairedData.Rows(5).Select(r => new PairedRow { Features = r.Features, Target = r.Features }), schema);
        var error = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => model.Transform(other));
        StringAssert.Contains(error.Message, "Schema mismatch for input column 'Target': expected vector of Single of size 6");
    }

    [TestMethod]
    public void Options_TargetIsTheInput_Throws()
    {
        var ml = new MLContext();
        var options = DenseOptions();
        options.TargetColumnName = "Features";
        var error = Assert.ThrowsExactly<ArgumentException>(() => ml.Transforms.Autoencoder(options));
        StringAssert.Contains(error.Message, "'TargetColumnName' must differ from 'InputColumnName'");
    }

    [TestMethod]
    public void Options_TargetWithTreatNaNAsMissing_Throws()
    {
        var ml = new MLContext();
        var options = DenseOptions();
        options.TreatNaNAsMissing = true;
        var error = Assert.ThrowsExactly<ArgumentException>(() => ml.Transforms.Autoencoder(options));
        StringAssert.Contains(error.Message, "cannot be combined with 'TreatNaNAsMissing'");
    }

    [TestMethod]
    public void Fit_TargetWithStreaming_ThrowsNamingDataMode()
    {
        var ml = new MLContext();
        var options = DenseOptions();
        options.DataMode = TrainingDataMode.Streaming;
        var error = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => ml.Transforms.Autoencoder(options).Fit(ml.Data.LoadFromEnumerable(PairedData.Rows(50))));
        StringAssert.Contains(error.Message, "'DataMode' is Streaming");
        StringAssert.Contains(error.Message, "trains in memory only");
    }

    [TestMethod]
    public void Options_TargetImageShapeWithoutTargetColumn_Throws()
    {
        var ml = new MLContext();
        var options = new ConvolutionalAutoencoderOptions { InputColumnName = "Small", TargetImageShape = new(1, 16, 16) };
        var error = Assert.ThrowsExactly<ArgumentException>(() => ml.Transforms.ConvolutionalAutoencoder(options));
        StringAssert.Contains(error.Message, "'TargetImageShape' is 1x16x16, but 'TargetColumnName' is null");
    }

    [TestMethod]
    public void Fit_ConvolutionalTargetNotDivisible_ThrowsNamingTheTargetColumn()
    {
        var ml = new MLContext();
        // Three halving blocks fit the 8x8 input but not the 12x12 target.
        var options = new ConvolutionalAutoencoderOptions { InputColumnName = "Small", TargetColumnName = "Large", Channels = [8, 8, 8], Epochs = 1 };
        var rows = Enumerable.Range(0, 20).Select(i => new OddUpscalingRow { Small = new float[64], Large = new float[144] });
        var error = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => ml.Transforms.ConvolutionalAutoencoder(options).Fit(ml.Data.LoadFromEnumerable(rows)));
        StringAssert.Contains(error.Message, "Input column 'Large' holds 1x12x12 images");
        StringAssert.Contains(error.Message, "divisible by 8");
    }
}

/// <summary>The columns a paired model adds, for a PredictionEngine.</summary>
public sealed class PairedPrediction
{
    public float[] Reconstruction { get; set; } = [];

    public float ReconstructionError { get; set; }
}
