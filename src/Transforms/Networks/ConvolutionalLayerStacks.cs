using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace MLNet.Autoencoders.Transforms.Networks;

/// <summary>Builds the encoder and decoder stacks of a <see cref="ConvolutionalAutoencoderNetwork"/> and a <see cref="ConvolutionalVariationalAutoencoderNetwork"/>.</summary>
internal static class ConvolutionalLayerStacks
{
    private const int Kernel = 3;

    /// <summary>[batch, C, H, W] images to [batch, latent] codes: the halving blocks, a flatten and a linear layer.</summary>
    public static Sequential Encoder(ConvolutionalArchitecture architecture)
    {
        var layers = FeatureLayers(architecture);
        layers.Add(("latent", Linear(architecture.FeatureMapShape.Size, architecture.LatentDimension)));
        return Sequential(layers);
    }

    /// <summary>
    /// [batch, C, H, W] images to flat feature maps, [batch, <see cref="ConvolutionalArchitecture.FeatureMapShape"/> size]:
    /// the encoder without its linear layer, for networks that put their own heads on it.
    /// </summary>
    public static Sequential Features(ConvolutionalArchitecture architecture) => Sequential(FeatureLayers(architecture));

    private static List<(string, Module<Tensor, Tensor>)> FeatureLayers(ConvolutionalArchitecture architecture)
    {
        var layers = new List<(string, Module<Tensor, Tensor>)>();
        long previous = architecture.Image.Channels;
        for (int i = 0; i < architecture.Channels.Count; i++)
        {
            int channels = architecture.Channels[i];
            if (architecture.Downsampling == ConvolutionalDownsampling.MaxPooling)
            {
                layers.Add(($"conv{i}", PaddedConvolution.Create(previous, channels, Kernel, padding: Kernel / 2)));
                layers.Add(($"activation{i}", LayerStacks.Create(architecture.Activation)));
                layers.Add(($"pool{i}", MaxPool2d(2)));
            }
            else
            {
                layers.Add(($"conv{i}", PaddedConvolution.Create(previous, channels, Kernel, stride: 2, padding: Kernel / 2)));
                layers.Add(($"activation{i}", LayerStacks.Create(architecture.Activation)));
            }
            previous = channels;
        }
        layers.Add(("flatten", Flatten()));
        return layers;
    }

    /// <summary>
    /// [batch, latent] codes to [batch, C, H, W] images: a linear layer to the feature maps, then the doubling blocks,
    /// mirroring the encoder's channels back to the image's (the last block is followed by the output activation
    /// instead of the hidden one).
    /// </summary>
    public static Sequential Decoder(ConvolutionalArchitecture architecture)
    {
        var maps = architecture.DecoderMapShape;
        var layers = new List<(string, Module<Tensor, Tensor>)>
        {
            ("linear", Linear(architecture.LatentDimension, maps.Size)),
            ("activation", LayerStacks.Create(architecture.Activation)),
            ("unflatten", Unflatten(1, [maps.Channels, maps.Height, maps.Width])),
        };
        var channels = architecture.Channels;
        for (int block = 0; block < channels.Count; block++)
        {
            int from = channels[channels.Count - 1 - block];
            bool last = block == channels.Count - 1;
            int to = last ? architecture.OutputImage.Channels : channels[channels.Count - 2 - block];
            if (architecture.Upsampling == ConvolutionalUpsampling.TransposedConvolution)
            {
                layers.Add(($"deconv{block}", ConvTranspose2d(from, to, Kernel, stride: 2, padding: Kernel / 2, output_padding: 1)));
            }
            else
            {
                layers.Add(($"upsample{block}", Upsample(scale_factor: [2.0, 2.0], mode: UpsampleMode.Nearest)));
                layers.Add(($"conv{block}", PaddedConvolution.Create(from, to, Kernel, padding: Kernel / 2)));
            }
            if (!last)
                layers.Add(($"activation{block}", LayerStacks.Create(architecture.Activation)));
        }
        if (architecture.OutputActivation == OutputActivation.Sigmoid)
            layers.Add(("sigmoid", Sigmoid()));
        return Sequential(layers);
    }
}
