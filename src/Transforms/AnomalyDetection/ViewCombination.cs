namespace MLNet.Autoencoders.Transforms.AnomalyDetection;

/// <summary>How a detector joins its two scaled views of a row (reconstruction error and neighbour distance) into one score.</summary>
internal enum ViewCombination
{
    /// <summary>The mean of the two ratios: how models saved in format version 2 score.</summary>
    Mean = 0,

    /// <summary>
    /// The larger of the two ratios: a row is as anomalous as the view that finds it most so. An outlier that only one view
    /// sees (a row in a sparse region that the networks reconstruct well, or an off-pattern row among close neighbours) keeps
    /// its full ratio instead of being averaged halfway back to typical; the default from format version 3 on.
    /// </summary>
    Maximum = 1,
}
