using Microsoft.ML;
using Microsoft.ML.Data;
using MLNet.Autoencoders.Estimators;
using MLNet.Autoencoders.Tests.TestData;
using MLNet.Autoencoders.Transforms;

namespace MLNet.Autoencoders.Tests.Transforms;

[TestClass]
public sealed class AutoencoderTransformerTests
{
    private static MLContext ml = null!;
    private static IDataView data = null!;
    private static ManifoldRow[] rows = null!;
    private static AutoencoderTransformer model = null!;

    private sealed class Prediction
    {
        public float[] Latent { get; set; } = [];
        public float[] Reconstruction { get; set; } = [];
        public float ReconstructionError { get; set; }
        public string Name { get; set; } = "";
    }

    private sealed class ShortRow
    {
        [VectorType(4)]
        public float[] Features { get; set; } = [];
    }

    [ClassInitialize]
    public static void FitOnce(TestContext _)
    {
        ml = new MLContext(seed: 1);
        rows = ManifoldData.Rows(301);
        data = ml.Data.LoadFromEnumerable(rows);
        model = ml.Transforms.Autoencoder(new AutoencoderOptions
        {
            LatentDimension = 2, HiddenLayers = [16], Epochs = 20, LearningRate = 0.01f, Seed = 1, ScoringBatchSize = 64,
        }).Fit(data);
    }

    [ClassCleanup]
    public static void DisposeModel() => model.Dispose();

    [TestMethod]
    public void Transform_AddsLatentReconstructionAndErrorColumns()
    {
        var schema = model.Transform(data).Schema;

        Assert.AreEqual(new VectorDataViewType(NumberDataViewType.Single, 2), schema["Latent"].Type);
        Assert.AreEqual(new VectorDataViewType(NumberDataViewType.Single, ManifoldData.FeatureCount), schema["Reconstruction"].Type);
        Assert.AreEqual(NumberDataViewType.Single, schema["ReconstructionError"].Type);
        Assert.AreEqual(TextDataViewType.Instance, schema["Name"].Type);
        Assert.AreEqual(model.GetOutputSchema(data.Schema).Count, schema.Count);
    }

    [TestMethod]
    public void Transform_ErrorIsMeanSquaredDifferenceInInputUnits()
    {
        var scored = model.Transform(data);
        var reconstruction = Columns.Vectors(scored, "Reconstruction");
        var error = Columns.Floats(scored, "ReconstructionError");

        for (int i = 0; i < rows.Length; i++)
        {
            double expected = rows[i].Features.Zip(reconstruction[i], (x, r) => (double)(x - r) * (x - r)).Average();
            Assert.AreEqual(expected, error[i], 1e-5 + 1e-4 * expected, $"row {i}");
        }
    }

    [TestMethod]
    public void Transform_CarriesOverColumnsInRowOrderAcrossBatchBoundaries()
    {
        var names = model.Transform(data).GetColumn<string>("Name").ToArray();

        CollectionAssert.AreEqual(rows.Select(r => r.Name).ToArray(), names);
    }

    [TestMethod]
    public void Transform_ReadingOnlyCarriedOverColumns_NeverReadsTheFeatures()
    {
        var guarded = new ThrowingColumnView(data, "Features");
        var scored = model.Transform(guarded);

        Assert.HasCount(rows.Length, scored.GetColumn<string>("Name").ToArray());
        Assert.Throws<InvalidOperationException>(() => scored.GetColumn<float>("ReconstructionError").ToArray());
    }

    [TestMethod]
    public void PredictionEngine_MatchesBatchedCursor()
    {
        var batched = model.Transform(data);
        var latent = Columns.Vectors(batched, "Latent");
        var error = Columns.Floats(batched, "ReconstructionError");
        var engine = ml.Model.CreatePredictionEngine<ManifoldRow, Prediction>(model);

        for (int i = 0; i < 40; i++)
        {
            var prediction = engine.Predict(rows[i]);
            CollectionAssert.AreEqual(latent[i], prediction.Latent, new ToleranceComparer(1e-5f), $"row {i}");
            Assert.AreEqual(error[i], prediction.ReconstructionError, 1e-5f + 1e-4f * error[i], $"row {i}");
            Assert.AreEqual(rows[i].Name, prediction.Name);
        }
    }

    [TestMethod]
    public void Transform_SparseInput_MatchesDenseInput()
    {
        var sparse = new VBuffer<float>(ManifoldData.FeatureCount, 2, [0.5f, -0.25f], [1, 4]);
        var dense = new float[ManifoldData.FeatureCount];
        sparse.CopyTo(dense);
        var sparseView = ml.Data.LoadFromEnumerable(new[] { new SparseRow { Features = sparse } }, SparseRow.Schema());
        var denseView = ml.Data.LoadFromEnumerable(new[] { new ManifoldRow { Features = dense } });

        CollectionAssert.AreEqual(
            Columns.Vectors(model.Transform(denseView), "Reconstruction")[0],
            Columns.Vectors(model.Transform(sparseView), "Reconstruction")[0]);
    }

    [TestMethod]
    public void Transform_WrongVectorSize_ThrowsWithExpectedAndActualSize()
    {
        var shortData = ml.Data.LoadFromEnumerable(new[] { new ShortRow { Features = [1, 2, 3, 4] } });

        var exception = Assert.Throws<ArgumentOutOfRangeException>(() => model.Transform(shortData));
        Assert.Contains("Schema mismatch for input column 'Features'", exception.Message);
        Assert.Contains("The data has 4 features, but the model was trained on 6", exception.Message);
    }

    [TestMethod]
    public void Transform_NaNInput_GivesNaNOutputsForThatRowOnly()
    {
        var withNaN = ManifoldData.Rows(3);
        withNaN[1].Features[2] = float.NaN;
        var error = Columns.Floats(model.Transform(ml.Data.LoadFromEnumerable(withNaN)), "ReconstructionError");

        Assert.IsTrue(float.IsFinite(error[0]) && float.IsNaN(error[1]) && float.IsFinite(error[2]), string.Join(", ", error));
    }

    [TestMethod]
    public void Transform_AfterDispose_ThrowsObjectDisposed()
    {
        var local = new MLContext(seed: 2);
        var small = ManifoldData.Load(local, 20);
        var disposable = local.Transforms.Autoencoder(new AutoencoderOptions { LatentDimension = 2, Epochs = 1, Seed = 1 }).Fit(small);
        var scored = disposable.Transform(small);
        disposable.Dispose();

        Assert.Throws<ObjectDisposedException>(() => disposable.Transform(small));
        Assert.Throws<ObjectDisposedException>(() => scored.GetColumn<float>("ReconstructionError").ToArray());
    }

    private sealed class SparseRow
    {
        public VBuffer<float> Features { get; set; }

        public static SchemaDefinition Schema()
        {
            var schema = SchemaDefinition.Create(typeof(SparseRow));
            schema[0].ColumnType = new VectorDataViewType(NumberDataViewType.Single, ManifoldData.FeatureCount);
            return schema;
        }
    }

    private sealed class ToleranceComparer(float tolerance) : System.Collections.IComparer
    {
        public int Compare(object? x, object? y) => Math.Abs((float)x! - (float)y!) <= tolerance ? 0 : 1;
    }
}
