namespace MLNet.Autoencoders.Transforms;

/// <summary>
/// How an autoencoder rescales its input before the network sees it. The statistics are learned
/// when the estimator is fitted, stored in the model, and undone on the reconstruction, so the
/// reconstruction column is always in the input's units.
/// </summary>
public enum InputScaling
{
    /// <summary>Use the input as it is.</summary>
    None = 0,

    /// <summary>Subtract each feature's mean and divide by its standard deviation (constant features are only centred).</summary>
    Standardize = 1,

    /// <summary>Map each feature's observed range onto [0, 1] (constant features are only shifted).</summary>
    MinMax = 2,

    /// <summary>
    /// Map the observed range of all values, every feature together, onto [0, 1]: one offset and one factor for the whole
    /// vector. The scaling for image pixels, which share one unit: a pixel that never varied in training (a border) keeps
    /// the same scale as the others instead of being blown up when it does vary at scoring.
    /// </summary>
    GlobalMinMax = 3,
}
