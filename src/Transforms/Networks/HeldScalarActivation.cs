using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace MLNet.Autoencoders.Transforms.Networks;

/// <summary>
/// LeakyReLU and ELU with their constants taken from <see cref="NativeScalars"/>: TorchSharp's <c>LeakyReLU</c> and
/// <c>ELU</c> modules make a temporary <see cref="Scalar"/> on every forward pass (see <see cref="NativeScalars"/>).
/// </summary>
internal sealed class HeldScalarActivation : Module<Tensor, Tensor>
{
    private readonly Activation activation;

    public HeldScalarActivation(Activation activation) : base(activation.ToString())
    {
        if (activation is not (Activation.LeakyRelu or Activation.Elu))
            throw new ArgumentOutOfRangeException(nameof(activation), activation, "Only LeakyRelu and Elu need held constants.");
        this.activation = activation;
    }

    /// <summary>Which activation this is: <see cref="Activation.LeakyRelu"/> or <see cref="Activation.Elu"/>.</summary>
    public Activation Activation => activation;

    public override Tensor forward(Tensor input) => activation == Activation.LeakyRelu
        ? input.leaky_relu(NativeScalars.LeakyReluSlope)
        : input.elu(NativeScalars.One, NativeScalars.One, NativeScalars.One);
}
