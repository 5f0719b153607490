namespace MLNet.Autoencoders.Estimators;

/// <summary>
/// The corruption a denoising autoencoder sees on its inputs while training; the target stays the clean
/// input, and nothing is corrupted when scoring. Noise is applied in the scaled input space.
/// </summary>
public enum NoiseKind
{
    /// <summary>No corruption: a plain autoencoder.</summary>
    None = 0,

    /// <summary>Adds N(0, level²) to every value (level in scaled units: standard deviations under <c>Standardize</c>).</summary>
    Gaussian = 1,

    /// <summary>Sets a random fraction (the level) of the values to 0 in the scaled space.</summary>
    Masking = 2,

    /// <summary>Sets a random fraction (the level) of the values to their feature's training minimum or maximum, half each.</summary>
    SaltAndPepper = 3,
}
