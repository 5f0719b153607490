using Microsoft.ML;
using Microsoft.ML.Data;
using MLNet.Autoencoders.Transforms.DataView;
using MLNet.Autoencoders.Transforms.Networks;

namespace MLNet.Autoencoders.Transforms.Decoding;

/// <summary>
/// The output schema of an <see cref="AutoencoderDecoderTransformer"/>: every input column, then the decoded vectors.
/// For a convolutional network (variational or not) the output's vector type carries the image's (channels, height, width) dimensions.
/// </summary>
internal static class DecoderSchema
{
    /// <exception cref="ArgumentOutOfRangeException">The latent column is missing, not a known-size float vector, or not of the latent dimension.</exception>
    public static AppendedSchema Create(DataViewSchema input, DecoderColumnNames names, NetworkArchitecture architecture)
    {
        var latent = InputColumn.Find(input, names.Latent, architecture.LatentDimension);
        ImageShape? image = architecture switch
        {
            ConvolutionalArchitecture convolutional => convolutional.OutputImage,
            ConvolutionalVariationalArchitecture variational => variational.Convolution.Image,
            _ => null,
        };
        var outputType = image is { } shape
            ? new VectorDataViewType(NumberDataViewType.Single, shape.Channels, shape.Height, shape.Width)
            : new VectorDataViewType(NumberDataViewType.Single, architecture.OutputSize);
        var builder = new DataViewSchema.Builder();
        builder.AddColumns(input);
        builder.AddColumn(names.Output, outputType);
        return new AppendedSchema(input, builder.ToSchema(), [latent]);
    }
}
