using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace MLNet.Autoencoders.Transforms.Networks;

/// <summary>Builds the layer stacks the autoencoder networks are made of.</summary>
internal static class LayerStacks
{
    /// <summary>
    /// Linear layers <paramref name="inputSize"/> -> each of <paramref name="hidden"/> -> <paramref name="outputSize"/>,
    /// with <paramref name="activation"/> after every hidden layer and <paramref name="output"/> after the last.
    /// </summary>
    public static Sequential Dense(int inputSize, IReadOnlyList<int> hidden, int outputSize, Activation activation,
        OutputActivation output = OutputActivation.Identity)
    {
        var layers = new List<(string, Module<Tensor, Tensor>)>();
        int previous = inputSize;
        for (int i = 0; i < hidden.Count; i++)
        {
            layers.Add(($"linear{i}", Linear(previous, hidden[i])));
            layers.Add(($"activation{i}", Create(activation)));
            previous = hidden[i];
        }
        layers.Add(($"linear{hidden.Count}", Linear(previous, outputSize)));
        if (output == OutputActivation.Sigmoid)
            layers.Add(("output", Sigmoid()));
        return Sequential(layers);
    }

    /// <summary>The TorchSharp module for <paramref name="activation"/>.</summary>
    public static Module<Tensor, Tensor> Create(Activation activation) => activation switch
    {
        Activation.Relu => ReLU(),
        Activation.LeakyRelu or Activation.Elu => new HeldScalarActivation(activation),
        Activation.Tanh => Tanh(),
        Activation.Sigmoid => Sigmoid(),
        Activation.Gelu => GELU(),
        _ => throw new ArgumentOutOfRangeException(nameof(activation), activation, $"Unknown {nameof(Activation)}."),
    };
}
