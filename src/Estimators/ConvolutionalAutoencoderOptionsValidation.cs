using MLNet.Autoencoders.Transforms;
using MLNet.Autoencoders.Transforms.Networks;

namespace MLNet.Autoencoders.Estimators;

/// <summary>Checks <see cref="ConvolutionalAutoencoderOptions"/> and <see cref="ConvolutionalVariationalAutoencoderOptions"/> once, up front, with the option's name, the rule and the bad value.</summary>
internal static class ConvolutionalAutoencoderOptionsValidation
{
    /// <summary>Checks the convolutional variational estimator's options: the convolutional ones, beta and the log-variance column.</summary>
    public static void Validate(ConvolutionalVariationalAutoencoderOptions options)
    {
        Validate((ConvolutionalNetworkOptions)options);
        AutoencoderOptionsValidation.ValidateVariational(options, options.Beta, options.LatentLogVarianceColumnName);
    }

    /// <summary>Checks the options every convolutional estimator shares: the common ones, the blocks, the image shape and the activations.</summary>
    public static void Validate(ConvolutionalNetworkOptions options)
    {
        AutoencoderOptionsValidation.ValidateCommon(options);
        if (options.Channels is null)
            throw new ArgumentNullException(nameof(options.Channels), $"'{nameof(options.Channels)}' must hold the channel count of each encoder block. Got null.");
        if (options.Channels.Length is < 1 or > ConvolutionalArchitecture.MaxBlocks)
        {
            throw new ArgumentOutOfRangeException(nameof(options.Channels), options.Channels.Length,
                $"'{nameof(options.Channels)}' must hold between 1 and {ConvolutionalArchitecture.MaxBlocks} block sizes. Got {options.Channels.Length}.");
        }
        AutoencoderOptionsValidation.RequireLayers(options.Channels, nameof(options.Channels));
        if (options.ImageShape is { IsValid: false } shape)
        {
            throw new ArgumentOutOfRangeException(nameof(options.ImageShape), shape,
                $"'{nameof(options.ImageShape)}' must have positive channels, height and width. Got {shape}.");
        }
        if (options is ConvolutionalAutoencoderOptions { TargetImageShape: { } target } convolutional)
        {
            const string TargetImageShape = nameof(ConvolutionalAutoencoderOptions.TargetImageShape);
            if (convolutional.TargetColumnName is null)
                throw new ArgumentException($"'{TargetImageShape}' is {target}, but '{nameof(convolutional.TargetColumnName)}' is null: set the target column, or leave the shape unset.", TargetImageShape);
            if (!target.IsValid)
                throw new ArgumentOutOfRangeException(TargetImageShape, target, $"'{TargetImageShape}' must have positive channels, height and width. Got {target}.");
        }
        AutoencoderOptionsValidation.RequireDefined(options.Downsampling, nameof(options.Downsampling));
        AutoencoderOptionsValidation.RequireDefined(options.Upsampling, nameof(options.Upsampling));
        AutoencoderOptionsValidation.RequireDefined(options.Activation, nameof(options.Activation));
        AutoencoderOptionsValidation.RequireDefined(options.OutputActivation, nameof(options.OutputActivation));
        if (options.OutputActivation == OutputActivation.Sigmoid && options.Scaling == InputScaling.Standardize)
        {
            throw new ArgumentOutOfRangeException(nameof(options.OutputActivation), options.OutputActivation,
                $"'{nameof(options.OutputActivation)}' {OutputActivation.Sigmoid} needs inputs scaled to [0, 1], but '{nameof(options.Scaling)}' is {options.Scaling}. " +
                $"Set {nameof(options.Scaling)} to {InputScaling.GlobalMinMax} (or {InputScaling.None} with pixels in [0, 1]), or {nameof(options.OutputActivation)} to {OutputActivation.Identity}.");
        }
    }
}
