namespace MLNet.Autoencoders.Transforms;

/// <summary>The function applied to a decoder's last layer.</summary>
public enum OutputActivation
{
    /// <summary>None: a linear output, for inputs of any range (the right choice with standardized inputs).</summary>
    Identity = 0,

    /// <summary>The logistic sigmoid: outputs in (0, 1), for inputs scaled to [0, 1] such as pixel intensities.</summary>
    Sigmoid = 1,
}
