using MLNet.Autoencoders.Transforms.Decoding;

namespace MLNet.Autoencoders.Transforms;

/// <summary>Decoder-only use of a fitted autoencoder: <c>fitted.CreateDecoder(...)</c>.</summary>
public static class AutoencoderTransformerDecoding
{
    /// <summary>
    /// Creates a transformer that decodes a column of latent codes with <paramref name="autoencoder"/>'s decoder,
    /// e.g. to generate images from new codes. The decoder gets its own copy of the network: dispose each separately.
    /// </summary>
    /// <param name="autoencoder">A fitted (or loaded) autoencoder.</param>
    /// <param name="outputColumnName">The column to add. Default is <see langword="null"/>: the autoencoder's reconstruction column name.</param>
    /// <param name="inputColumnName">The latent codes to decode. Default is <see langword="null"/>: the autoencoder's latent column name.</param>
    /// <returns>The decoder; its output equals the autoencoder's reconstruction when fed the autoencoder's latent codes.</returns>
    /// <exception cref="ObjectDisposedException"><paramref name="autoencoder"/> was disposed.</exception>
    public static AutoencoderDecoderTransformer CreateDecoder(this AutoencoderTransformer autoencoder,
        string? outputColumnName = null, string? inputColumnName = null)
    {
        ArgumentNullException.ThrowIfNull(autoencoder);
        if (outputColumnName is not null && string.IsNullOrWhiteSpace(outputColumnName))
            throw new ArgumentException($"'{nameof(outputColumnName)}' must name a column. Got '{outputColumnName}'.", nameof(outputColumnName));
        if (inputColumnName is not null && string.IsNullOrWhiteSpace(inputColumnName))
            throw new ArgumentException($"'{nameof(inputColumnName)}' must name a column. Got '{inputColumnName}'.", nameof(inputColumnName));
        var columns = new DecoderColumnNames(inputColumnName ?? autoencoder.Columns.Latent, outputColumnName ?? autoencoder.Columns.Reconstruction);
        var network = NetworkCopy.Of(autoencoder);
        try
        {
            return new AutoencoderDecoderTransformer(network, autoencoder.TargetScaler ?? autoencoder.Scaler, columns, autoencoder.ScoringBatchSize);
        }
        catch
        {
            network.Dispose();
            throw;
        }
    }
}
