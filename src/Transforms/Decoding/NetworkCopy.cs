using MLNet.Autoencoders.Transforms.Networks;
using static TorchSharp.torch;

namespace MLNet.Autoencoders.Transforms.Decoding;

/// <summary>Copies the trained network out of an <see cref="AutoencoderTransformer"/>, so that a decoder can own its own copy.</summary>
internal static class NetworkCopy
{
    /// <summary>A new network of the same architecture and weights as <paramref name="autoencoder"/>'s, which the caller owns.</summary>
    /// <exception cref="ObjectDisposedException"><paramref name="autoencoder"/> was disposed.</exception>
    public static AutoencoderNetwork Of(AutoencoderTransformer autoencoder)
    {
        var source = autoencoder.Network;
        // A disposed module has dropped its parameters (or holds released tensors).
        var parameters = source.named_parameters().ToDictionary(p => p.name, p => p.parameter);
        if (parameters.Count == 0 || parameters.Values.Any(p => p.IsInvalid))
            throw new ObjectDisposedException(nameof(AutoencoderTransformer));
        var copy = autoencoder.Architecture.CreateNetwork();
        try
        {
            using var noGrad = no_grad();
            foreach (var (name, parameter) in copy.named_parameters())
                parameter.copy_(parameters[name]);
            var buffers = source.named_buffers().ToDictionary(b => b.name, b => b.buffer);
            foreach (var (name, buffer) in copy.named_buffers())
                buffer.copy_(buffers[name]);
            return copy;
        }
        catch
        {
            copy.Dispose();
            throw;
        }
    }
}
