using MLNet.Autoencoders.Estimators;

namespace MLNet.Autoencoders.Tests.Images;

/// <summary>Small, fast settings for convolutional autoencoders on the 16x16 <see cref="SyntheticImages"/>.</summary>
public static class ImageTestOptions
{
    public static ConvolutionalAutoencoderOptions Small(int epochs = 25, int? seed = 3) => new()
    {
        InputColumnName = nameof(ImageRow.Pixels),
        LatentDimension = 8,
        Channels = [8, 16],
        Epochs = epochs,
        BatchSize = 32,
        LearningRate = 0.005f,
        ValidationFraction = 0,
        Seed = seed,
        NumberOfThreads = 1,
    };
}
