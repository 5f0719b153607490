using Microsoft.ML;
using MLNet.Autoencoders.Estimators;
using MLNet.Autoencoders.Tests.Images;
using MLNet.Autoencoders.Transforms;
using MLNet.Autoencoders.Transforms.Networks;

namespace MLNet.Autoencoders.Tests.Estimators;

[TestClass]
public sealed class ConvolutionalAutoencoderOptionsValidationTests
{
    private static TException Rejects<TException>(Action<ConvolutionalAutoencoderOptions> change) where TException : Exception
    {
        var options = ImageTestOptions.Small();
        change(options);
        return Assert.Throws<TException>(() => new MLContext().Transforms.ConvolutionalAutoencoder(options));
    }

    [TestMethod]
    public void Options_NoChannels_ThrowsWithNameRuleAndValue() =>
        Assert.Contains("'Channels' must hold between 1 and 16 block sizes. Got 0.", Rejects<ArgumentOutOfRangeException>(o => o.Channels = []).Message);

    [TestMethod]
    public void Options_NullChannels_ThrowsArgumentNull() =>
        Assert.Contains("'Channels' must hold the channel count of each encoder block. Got null.", Rejects<ArgumentNullException>(o => o.Channels = null!).Message);

    [TestMethod]
    public void Options_NonPositiveChannelCount_ThrowsWithIndex() =>
        Assert.Contains("'Channels' must hold layer sizes from 1 to 16777216. Got 0 at index 1.", Rejects<ArgumentOutOfRangeException>(o => o.Channels = [4, 0]).Message);

    [TestMethod]
    public void Options_ImageShapeWithZeroHeight_Throws() =>
        Assert.Contains("'ImageShape' must have positive channels, height and width. Got 1x0x16.", Rejects<ArgumentOutOfRangeException>(o => o.ImageShape = new ImageShape(1, 0, 16)).Message);

    [TestMethod]
    public void Options_SigmoidOutputWithStandardize_ThrowsWithTheFix()
    {
        var exception = Rejects<ArgumentOutOfRangeException>(o =>
        {
            o.Scaling = InputScaling.Standardize;
            o.OutputActivation = OutputActivation.Sigmoid;
        });

        Assert.Contains("'OutputActivation' Sigmoid needs inputs scaled to [0, 1], but 'Scaling' is Standardize.", exception.Message);
        Assert.Contains("or OutputActivation to Identity", exception.Message);
    }

    [TestMethod]
    public void Options_UndefinedDownsampling_ListsTheChoices() =>
        Assert.Contains("'Downsampling' must be one of MaxPooling, StridedConvolution. Got 7.", Rejects<ArgumentOutOfRangeException>(o => o.Downsampling = (ConvolutionalDownsampling)7).Message);

    [TestMethod]
    public void Options_SharedOptionOutOfRange_IsCheckedToo() =>
        Assert.Contains("'LatentDimension' must be positive. Got 0.", Rejects<ArgumentOutOfRangeException>(o => o.LatentDimension = 0).Message);

    [TestMethod]
    public void Options_StandardizeWithLinearOutput_IsAccepted()
    {
        var options = ImageTestOptions.Small();
        options.Scaling = InputScaling.Standardize;

        Assert.IsNotNull(new MLContext().Transforms.ConvolutionalAutoencoder(options));
    }
}
