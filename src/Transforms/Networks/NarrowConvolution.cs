using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace MLNet.Autoencoders.Transforms.Networks;

/// <summary>
/// A 2-D convolution with fewer than <see cref="ComputedChannels"/> output channels, computed as a convolution with
/// <see cref="ComputedChannels"/> outputs whose extra filters are zero, of which it returns the first ones. Its parameters
/// are <c>Conv2d</c>'s (<c>weight</c> [out, in, k, k] and <c>bias</c> [out], under the same names), so saved models load
/// into it unchanged.
/// </summary>
/// <remarks>
/// libtorch 2.10's CPU convolution (TorchSharp 0.107) computes a wrong input gradient when a layer has fewer than 16
/// output channels: against the same convolution in float64, errors of 1 to 3 and NaN (an uninitialised buffer), with one
/// intra-op thread or more, while the output and the weight gradient are right (measured for 1, 3, 8 and 15 outputs
/// from 8 or 32 inputs on 14 x 14 maps; 16 outputs and more, and every transposed convolution, match float64 within 3e-6).
/// Every layer in front of such a convolution, the whole encoder included, then trained on garbage, and the first fit of a
/// shape could end in NaN. The padded filters cost one 16-output convolution instead of a narrower one.
/// </remarks>
internal sealed class NarrowConvolution : Module<Tensor, Tensor>
{
    /// <summary>The fewest output channels libtorch's convolution backward pass computes correctly here.</summary>
    public const int ComputedChannels = 16;

    // The field names are the parameter names in a saved model: they must stay "weight" and "bias", as in Conv2d.
#pragma warning disable IDE1006
    private readonly Parameter weight;
    private readonly Parameter bias;
#pragma warning restore IDE1006
    private readonly long stride;
    private readonly long padding;

    public NarrowConvolution(long inputChannels, long outputChannels, long kernel, long stride, long padding)
        : base(nameof(NarrowConvolution))
    {
        if (outputChannels >= ComputedChannels)
            throw new ArgumentOutOfRangeException(nameof(outputChannels), outputChannels, $"Use Conv2d for {ComputedChannels} output channels or more.");
        // PyTorch's default initialisation of Conv2d, U(-1/sqrt(fan_in), 1/sqrt(fan_in)); fitting re-draws it from its seed.
        double bound = 1 / Math.Sqrt(inputChannels * kernel * kernel);
        weight = new Parameter(empty([outputChannels, inputChannels, kernel, kernel]).uniform_(-bound, bound));
        bias = new Parameter(empty([outputChannels]).uniform_(-bound, bound));
        this.stride = stride;
        this.padding = padding;
        RegisterComponents();
    }

    /// <summary>The layer's own filters, [out, in, k, k] (without the zero filters it pads them with).</summary>
    public Tensor Weight => weight;

    /// <summary>The layer's own biases, [out].</summary>
    public Tensor Bias => bias;

    /// <summary>The stride, the same along both axes.</summary>
    public long Stride => stride;

    /// <summary>The zero padding on every side.</summary>
    public long Padding => padding;

    /// <summary>Returns <c>Conv2d</c> for <paramref name="outputChannels"/> of 16 or more, else a <see cref="NarrowConvolution"/>.</summary>
    public static Module<Tensor, Tensor> Create(long inputChannels, long outputChannels, long kernel, long stride = 1, long padding = 0) =>
        outputChannels >= ComputedChannels
            ? Conv2d(inputChannels, outputChannels, kernel, stride: stride, padding: padding)
            : new NarrowConvolution(inputChannels, outputChannels, kernel, stride, padding);

    public override Tensor forward(Tensor input)
    {
        long outputs = weight.shape[0], extra = ComputedChannels - outputs;
        using var zeroFilters = zeros([extra, .. weight.shape[1..]], dtype: weight.dtype);
        using var zeroBiases = zeros([extra], dtype: bias.dtype);
        using var paddedWeight = cat([weight, zeroFilters], 0);
        using var paddedBias = cat([bias, zeroBiases], 0);
        using var padded = functional.conv2d(input, paddedWeight, paddedBias, strides: [stride, stride], padding: [padding, padding]);
        using var narrowed = padded.narrow(1, 0, outputs);
        return narrowed.contiguous();
    }
}
