using Microsoft.ML;
using Microsoft.ML.Data;
using MLNet.Autoencoders.Estimators;
using MLNet.Autoencoders.Tests.Images;
using MLNet.Autoencoders.Tests.TestData;
using MLNet.Autoencoders.Transforms;
using MLNet.Autoencoders.Transforms.Networks;

namespace MLNet.Autoencoders.Tests.Estimators;

[TestClass]
public sealed class ConvolutionalAutoencoderEstimatorTests
{
    [TestMethod]
    public void Fit_OnSyntheticImages_ReconstructsFarBetterThanPixelMeans()
    {
        var ml = new MLContext(seed: 1);
        var rows = SyntheticImages.Rows(400);
        var data = SyntheticImages.Load(ml, rows);
        using var model = ml.Transforms.ConvolutionalAutoencoder(ImageTestOptions.Small()).Fit(data);

        double error = Columns.Floats(model.Transform(data), "ReconstructionError").Average();
        double baseline = SyntheticImages.PixelMeanBaselineError(rows);
        Assert.IsLessThan(baseline * 0.5, error, $"autoencoder {error:G4}, pixel-mean baseline {baseline:G4}");
        Assert.IsLessThan(model.LossHistory[0].TrainingLoss * 0.5, model.LossHistory[^1].TrainingLoss);
    }

    [TestMethod]
    public void Fit_ColumnWithImageDimensions_UsesThemAndAddsTheThreeColumns()
    {
        var ml = new MLContext(seed: 1);
        var data = SyntheticImages.Load(ml, SyntheticImages.Rows(40));
        using var model = ml.Transforms.ConvolutionalAutoencoder(ImageTestOptions.Small(epochs: 1)).Fit(data);

        var architecture = (ConvolutionalArchitecture)model.Architecture;
        Assert.AreEqual(new ImageShape(1, 16, 16), architecture.Image);
        var schema = model.Transform(data).Schema;
        Assert.AreEqual(new VectorDataViewType(NumberDataViewType.Single, 8), schema["Latent"].Type);
        Assert.AreEqual(256, ((VectorDataViewType)schema["Reconstruction"].Type).Size);
        Assert.AreEqual(NumberDataViewType.Single, schema["ReconstructionError"].Type);
    }

    [TestMethod]
    public void Fit_PlainVectorWithDeclaredImageShape_Fits()
    {
        var ml = new MLContext(seed: 1);
        var data = SyntheticImages.Load(ml, SyntheticImages.Rows(40), withDimensions: false);
        var options = ImageTestOptions.Small(epochs: 1);
        options.ImageShape = new ImageShape(1, 16, 16);

        using var model = ml.Transforms.ConvolutionalAutoencoder(options).Fit(data);

        Assert.AreEqual(new ImageShape(1, 16, 16), ((ConvolutionalArchitecture)model.Architecture).Image);
    }

    [TestMethod]
    public void Fit_RgbImagesFromColumnDimensions_ReconstructsEveryPlane()
    {
        var ml = new MLContext(seed: 1);
        var planes = SyntheticImages.Rows(60, size: 8);
        var rows = planes.Chunk(3).Select(c => new ImageRow { Pixels = [.. c[0].Pixels, .. c[1].Pixels, .. c[2].Pixels] }).ToArray();
        var data = SyntheticImages.LoadAs(ml, rows, new VectorDataViewType(NumberDataViewType.Single, 3, 8, 8));
        var options = ImageTestOptions.Small(epochs: 1);
        options.Channels = [4];

        using var model = ml.Transforms.ConvolutionalAutoencoder(options).Fit(data);

        Assert.AreEqual(new ImageShape(3, 8, 8), ((ConvolutionalArchitecture)model.Architecture).Image);
        Assert.HasCount(192, Columns.Vectors(model.Transform(data), "Reconstruction")[0]);
    }

    [TestMethod]
    public void Fit_PlainVectorWithoutImageShape_ThrowsNamingTheColumnAndTheFix()
    {
        var ml = new MLContext();
        var data = SyntheticImages.Load(ml, SyntheticImages.Rows(10), withDimensions: false);

        var exception = Assert.Throws<ArgumentOutOfRangeException>(() => ml.Transforms.ConvolutionalAutoencoder(ImageTestOptions.Small()).Fit(data));

        Assert.Contains("Input column 'Pixels' is a vector of 256 values without image dimensions", exception.Message);
        Assert.Contains("Set ImageShape", exception.Message);
    }

    [TestMethod]
    public void Fit_DeclaredShapeOfAnotherSize_ThrowsWithColumnExpectedAndActual()
    {
        var ml = new MLContext();
        var data = SyntheticImages.Load(ml, SyntheticImages.Rows(10), withDimensions: false);
        var options = ImageTestOptions.Small();
        options.ImageShape = new ImageShape(3, 16, 16);

        var exception = Assert.Throws<ArgumentOutOfRangeException>(() => ml.Transforms.ConvolutionalAutoencoder(options).Fit(data));

        Assert.Contains("Schema mismatch for input column 'Pixels': ImageShape 3x16x16 needs vectors of 768 values (channels x height x width), but the column holds 256.", exception.Message);
    }

    [TestMethod]
    public void Fit_DeclaredShapeDisagreeingWithColumnDimensions_Throws()
    {
        var ml = new MLContext();
        var data = SyntheticImages.Load(ml, SyntheticImages.Rows(10));
        var options = ImageTestOptions.Small();
        options.ImageShape = new ImageShape(4, 8, 8);

        var exception = Assert.Throws<ArgumentOutOfRangeException>(() => ml.Transforms.ConvolutionalAutoencoder(options).Fit(data));

        Assert.Contains("ImageShape is 4x8x8, but the column's dimensions are 1x16x16", exception.Message);
    }

    [TestMethod]
    public void Fit_HeightNotDivisibleByTheDownsampling_ThrowsWithColumnExpectedAndActual()
    {
        var ml = new MLContext();
        var data = SyntheticImages.Load(ml, SyntheticImages.Rows(10));
        var options = ImageTestOptions.Small();
        options.Channels = [4, 4, 4, 4, 4];

        var exception = Assert.Throws<ArgumentOutOfRangeException>(() => ml.Transforms.ConvolutionalAutoencoder(options).Fit(data));

        Assert.Contains("Input column 'Pixels' holds 1x16x16 images (channels x height x width), but 5 downsampling blocks need a height and width divisible by 32.", exception.Message);
    }

    [TestMethod]
    public void GetOutputSchema_DeclaredShapeNotDivisible_ThrowsTheSameMessageAsFit()
    {
        var ml = new MLContext();
        var data = SyntheticImages.Load(ml, SyntheticImages.Rows(10), withDimensions: false);
        var options = ImageTestOptions.Small();
        options.ImageShape = new ImageShape(1, 16, 16);
        options.Channels = [4, 4, 4, 4, 4];
        var estimator = ml.Transforms.ConvolutionalAutoencoder(options);

        var fromSchema = Assert.Throws<ArgumentOutOfRangeException>(() => estimator.GetOutputSchema(SchemaShapes.Of(data.Schema)));
        var fromFit = Assert.Throws<ArgumentOutOfRangeException>(() => estimator.Fit(data));

        Assert.Contains("Input column 'Pixels' holds 1x16x16 images", fromSchema.Message);
        Assert.Contains("divisible by 32", fromSchema.Message);
        Assert.AreEqual(fromFit.Message, fromSchema.Message);
    }

    [TestMethod]
    public void GetOutputSchema_MissingColumn_ThrowsMlNetWording()
    {
        var ml = new MLContext();
        var data = SyntheticImages.Load(ml, SyntheticImages.Rows(10));
        var options = ImageTestOptions.Small();
        options.InputColumnName = "Image";

        var exception = Assert.Throws<ArgumentOutOfRangeException>(() => ml.Transforms.ConvolutionalAutoencoder(options).GetOutputSchema(SchemaShapes.Of(data.Schema)));

        Assert.Contains("Could not find input column 'Image'", exception.Message);
    }

    [TestMethod]
    public void GetOutputSchema_AddsLatentReconstructionAndError()
    {
        var ml = new MLContext();
        var data = SyntheticImages.Load(ml, SyntheticImages.Rows(10));

        var shape = ml.Transforms.ConvolutionalAutoencoder("Code", "Pixels").GetOutputSchema(SchemaShapes.Of(data.Schema));

        Assert.IsNotNull(SchemaShapes.Find(shape, "Code"));
        Assert.IsNotNull(SchemaShapes.Find(shape, "Reconstruction"));
        Assert.IsNotNull(SchemaShapes.Find(shape, "ReconstructionError"));
    }

    [TestMethod]
    public void Transform_WithSigmoidOutputOnUnscaledUnitPixels_ReconstructionStaysInTheUnitInterval()
    {
        var ml = new MLContext(seed: 1);
        var rows = SyntheticImages.Rows(100);
        var options = ImageTestOptions.Small(epochs: 3);
        options.Scaling = InputScaling.None;
        options.OutputActivation = OutputActivation.Sigmoid;
        using var model = ml.Transforms.ConvolutionalAutoencoder(options).Fit(SyntheticImages.Load(ml, rows));

        var noisy = SyntheticImages.Load(ml, SyntheticImages.WithGaussianNoise(rows, std: 2, seed: 1));
        var reconstructions = Columns.Vectors(model.Transform(noisy), "Reconstruction");

        Assert.IsTrue(reconstructions.All(image => image.All(p => p >= 0 && p <= 1)));
    }

    [TestMethod]
    public void Fit_OnPixelsFrom0To255_GlobalMinMaxScalesThemAndReconstructsInInputUnits()
    {
        var ml = new MLContext(seed: 1);
        var rows = SyntheticImages.Rows(400).Select(r => new ImageRow { Pixels = [.. r.Pixels.Select(p => p * 255)], Shape = r.Shape }).ToArray();
        var options = ImageTestOptions.Small();
        using var model = ml.Transforms.ConvolutionalAutoencoder(options).Fit(SyntheticImages.Load(ml, rows));

        double error = Columns.Floats(model.Transform(SyntheticImages.Load(ml, rows)), "ReconstructionError").Average();
        Assert.AreEqual(InputScaling.GlobalMinMax, model.Scaler.Kind);
        Assert.AreEqual(1f / 255, model.Scaler.Scale[0], 1e-6f, "one factor for the whole image: 1 / (255 - 0)");
        Assert.IsLessThan(SyntheticImages.PixelMeanBaselineError(rows) * 0.5, error);
    }

    [TestMethod]
    public void Transform_PixelThatBarelyVariedInTraining_DisturbsGlobalMinMaxFarLessThanPerPixelMinMax()
    {
        // A corner pixel that only flickers in training (a sensor's dark border), then lights up at scoring.
        var ml = new MLContext(seed: 1);
        var random = new Random(9);
        var rows = SyntheticImages.Rows(300).Select(r => new ImageRow { Pixels = [.. r.Pixels.Select((p, i) => i == 0 ? (float)(random.NextDouble() * 0.001) : p)] }).ToArray();
        var lit = rows.Take(50).Select(r => new ImageRow { Pixels = [1f, .. r.Pixels.Skip(1)] }).ToArray();
        double ErrorIncrease(InputScaling scaling)
        {
            var options = ImageTestOptions.Small();
            options.Scaling = scaling;
            using var model = ml.Transforms.ConvolutionalAutoencoder(options).Fit(SyntheticImages.Load(ml, rows));
            double Error(ImageRow[] images) => Columns.Floats(model.Transform(SyntheticImages.Load(ml, images)), "ReconstructionError").Average();
            return Error(lit) - Error(rows.Take(50).ToArray());
        }

        double global = ErrorIncrease(InputScaling.GlobalMinMax), perPixel = ErrorIncrease(InputScaling.MinMax);

        // One pixel of 256 set to 1 can add at most about 1/256 to a row's mean squared error by itself.
        Assert.IsLessThan(0.01, global, $"GlobalMinMax error increase {global:G3}, MinMax {perPixel:G3}");
        Assert.IsGreaterThan(global * 10, perPixel, $"GlobalMinMax error increase {global:G3}, MinMax {perPixel:G3}");
    }

    [TestMethod]
    public void Fit_SameSeed_GivesBitIdenticalOutputs()
    {
        var ml = new MLContext();
        var data = SyntheticImages.Load(ml, SyntheticImages.Rows(100));
        using var first = ml.Transforms.ConvolutionalAutoencoder(ImageTestOptions.Small(epochs: 3, seed: 5)).Fit(data);
        using var second = ml.Transforms.ConvolutionalAutoencoder(ImageTestOptions.Small(epochs: 3, seed: 5)).Fit(data);

        CollectionAssert.AreEqual(Columns.Floats(first.Transform(data), "ReconstructionError"), Columns.Floats(second.Transform(data), "ReconstructionError"));
    }

    [TestMethod]
    public void Fit_WithTreatNaNAsMissing_FillsEveryMissingPixel()
    {
        var ml = new MLContext(seed: 1);
        var random = new Random(5);
        var rows = SyntheticImages.Rows(200).Select(r => new ImageRow { Pixels = [.. r.Pixels.Select(p => random.NextDouble() < 0.1 ? float.NaN : p)] }).ToArray();
        var data = SyntheticImages.Load(ml, rows);
        var options = ImageTestOptions.Small(epochs: 3);
        options.TreatNaNAsMissing = true;

        using var model = ml.Transforms.ConvolutionalAutoencoder(options).Fit(data);

        var imputed = Columns.Vectors(model.Transform(data), "Imputed");
        Assert.IsTrue(imputed.All(image => image.All(float.IsFinite)));
        for (int i = 0; i < rows.Length; i++)
            Assert.IsTrue(rows[i].Pixels.Zip(imputed[i]).All(pair => float.IsNaN(pair.First) || pair.First == pair.Second), $"row {i}: an observed pixel changed");
    }

    [TestMethod]
    public void SimpleOverload_UsesTheConvolutionalDefaults()
    {
        var ml = new MLContext(seed: 1);
        var data = SyntheticImages.Load(ml, SyntheticImages.Rows(40));
        using var model = ml.Transforms.ConvolutionalAutoencoder("Latent", "Pixels", epochs: 1, seed: 2).Fit(data);

        var architecture = (ConvolutionalArchitecture)model.Architecture;
        CollectionAssert.AreEqual(ConvolutionalAutoencoderDefaults.Channels, architecture.Channels.ToArray());
        Assert.AreEqual(ConvolutionalAutoencoderDefaults.LatentDimension, architecture.LatentDimension);
        Assert.AreEqual(OutputActivation.Identity, architecture.OutputActivation);
        Assert.AreEqual(InputScaling.GlobalMinMax, model.Scaler.Kind);
    }
}
