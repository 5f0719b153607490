namespace MLNet.Autoencoders.Transforms;

/// <summary>
/// The nonlinearity applied after every hidden layer of an autoencoder.
/// The latent layer and the output layer stay linear.
/// </summary>
public enum Activation
{
    /// <summary>Rectified linear unit, <c>max(0, x)</c>.</summary>
    Relu = 0,

    /// <summary>Leaky ReLU with negative slope 0.01.</summary>
    LeakyRelu = 1,

    /// <summary>Exponential linear unit.</summary>
    Elu = 2,

    /// <summary>Hyperbolic tangent.</summary>
    Tanh = 3,

    /// <summary>Logistic sigmoid.</summary>
    Sigmoid = 4,

    /// <summary>Gaussian error linear unit.</summary>
    Gelu = 5,
}
