using Microsoft.ML;
using MLNet.Autoencoders.Estimators;
using MLNet.Autoencoders.Transforms;
using static MLNet.Autoencoders.Tests.Reliability.ReliabilityComponents;

namespace MLNet.Autoencoders.Tests.Reliability;

/// <summary>
/// Every option out of range, against every estimator that has it: rejected when the estimator is created, with an
/// <see cref="ArgumentOutOfRangeException"/> whose parameter is the option and whose message names it, the rule and the
/// value. (The dense autoencoder's are in AutoencoderEstimatorValidationTests.)
/// </summary>
[TestClass]
public sealed class EstimatorOptionTests
{
    private static readonly (string Option, object Value, string Message)[] OutOfRange =
    [
        ("LatentDimension", 0, "'LatentDimension' must be positive. Got 0."),
        ("LatentDimension", -2, "'LatentDimension' must be positive. Got -2."),
        ("LatentDimension", 16_777_217, "'LatentDimension' must be at most 16777216, the largest layer a saved model holds. Got 16777217."),
        ("Epochs", 0, "'Epochs' must be positive. Got 0."),
        ("BatchSize", -1, "'BatchSize' must be positive. Got -1."),
        ("ScoringBatchSize", 0, "'ScoringBatchSize' must be positive. Got 0."),
        ("EnsembleSize", -1, "'EnsembleSize' must be positive. Got -1."),
        ("EnsembleSize", 1025, "'EnsembleSize' must be at most 1024, the most networks a saved detector holds. Got 1025."),
        ("LearningRate", 0f, "'LearningRate' must be a positive finite number. Got 0."),
        ("LearningRate", -0.5f, "'LearningRate' must be a positive finite number. Got -0.5."),
        ("LearningRate", float.NaN, "'LearningRate' must be a positive finite number. Got NaN."),
        ("LearningRate", float.PositiveInfinity, "'LearningRate' must be a positive finite number. Got "),
        ("WeightDecay", -0.1f, "'WeightDecay' must be zero or a positive finite number. Got -0.1."),
        ("WeightDecay", float.NaN, "'WeightDecay' must be zero or a positive finite number. Got NaN."),
        ("ValidationFraction", 1f, "'ValidationFraction' must be in [0, 1). Got 1."),
        ("ValidationFraction", -0.1f, "'ValidationFraction' must be in [0, 1). Got -0.1."),
        ("ValidationFraction", float.NaN, "'ValidationFraction' must be in [0, 1). Got NaN."),
        ("EarlyStoppingPatience", -1, "'EarlyStoppingPatience' must be zero (off) or positive. Got -1."),
        ("NumberOfThreads", 0, "'NumberOfThreads' must be positive when set. Got 0."),
        ("Scaling", 7, $"'Scaling' must be one of {string.Join(", ", Enum.GetNames<InputScaling>())}. Got 7."),
        ("Activation", 42, $"'Activation' must be one of {string.Join(", ", Enum.GetNames<Activation>())}. Got 42."),
        ("OutputActivation", 5, $"'OutputActivation' must be one of {string.Join(", ", Enum.GetNames<OutputActivation>())}. Got 5."),
        ("HiddenLayers", new[] { 8, 0 }, "'HiddenLayers' must hold layer sizes from 1 to 16777216. Got 0 at index 1."),
        ("DecoderHiddenLayers", new[] { -3 }, "'DecoderHiddenLayers' must hold layer sizes from 1 to 16777216. Got -3 at index 0."),
        ("Noise", 9, $"'Noise' must be one of {string.Join(", ", Enum.GetNames<NoiseKind>())}. Got 9."),
        ("SparsityWeight", -1f, "'SparsityWeight' must be in [0, 1000]"),
        ("SparsityWeight", 1e30f, "'SparsityWeight' must be in [0, 1000]"),
        ("NumberOfThreads", 1000, "'NumberOfThreads' must be at most"),
        ("Channels", new[] { 4, -1 }, "'Channels' must hold layer sizes from 1 to 16777216. Got -1 at index 1."),
        ("DataMode", 9, $"'DataMode' must be one of {string.Join(", ", Enum.GetNames<TrainingDataMode>())}. Got 9."),
        ("InMemoryBudgetMegabytes", 0, "'InMemoryBudgetMegabytes' must be positive. Got 0."),
        ("StreamingBufferRows", -5, "'StreamingBufferRows' must be positive. Got -5."),
    ];

    [TestMethod]
    [DataRow(AnomalyDetector, 26)]
    [DataRow(VariationalAutoencoder, 29)]
    [DataRow(ConvolutionalAutoencoder, 28)]
    [DataRow(ConvolutionalVariationalAutoencoder, 28)]
    public void Create_EachOptionOutOfRange_ThrowsNamingTheOptionTheRuleAndTheValue(string name, int expectedChecks)
    {
        var component = Named(name);
        int checks = 0;
        foreach (var (option, value, message) in OutOfRange)
        {
            bool hasOption = false;
            component.Estimator(new MLContext(), o => hasOption = o.GetType().GetProperty(option) is not null);
            if (!hasOption)
                continue;
            var exception = Assert.ThrowsExactly<ArgumentOutOfRangeException>(
                () => component.Estimator(new MLContext(), o => Set(o, option, value)), $"{option} = {value}");
            Assert.Contains(message, exception.Message, $"{option} = {value}");
            Assert.AreEqual(option, exception.ParamName, $"{option} = {value}");
            checks++;
        }
        Assert.AreEqual(expectedChecks, checks, "options this estimator has");
    }

    [TestMethod]
    [DataRow(VariationalAutoencoder)]
    [DataRow(ConvolutionalAutoencoder)]
    [DataRow(ConvolutionalVariationalAutoencoder)]
    public void Create_NoiseLevelOutOfRangeForTheNoise_ThrowsNamingBoth(string name)
    {
        var component = Named(name);

        var gaussian = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => component.Estimator(new MLContext(), o =>
        {
            Set(o, "Noise", NoiseKind.Gaussian);
            Set(o, "NoiseLevel", -1f);
        }));
        var masking = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => component.Estimator(new MLContext(), o =>
        {
            Set(o, "Noise", NoiseKind.Masking);
            Set(o, "NoiseLevel", 1.5f);
        }));

        Assert.Contains("'NoiseLevel' must be in (0, 100]", gaussian.Message);
        Assert.Contains("'NoiseLevel' must be in (0, 1] for Masking noise. Got 1.5.", masking.Message);
    }
}
