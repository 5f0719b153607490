using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace MLNet.Autoencoders.Transforms.Networks;

/// <summary>
/// A 2-D convolution whose channel counts libtorch's CPU kernels get wrong, computed on zero-padded channels: fewer than
/// <see cref="ComputedChannels"/> outputs are computed as <see cref="ComputedChannels"/> whose extra filters are zero (it
/// returns the first ones), and more than <see cref="ComputedChannels"/> inputs that are not a multiple of it are padded
/// with zero channels (and zero weights) to the next multiple. Its parameters are <c>Conv2d</c>'s (<c>weight</c>
/// [out, in, k, k] and <c>bias</c> [out], under the same names), so saved models load into it unchanged.
/// </summary>
/// <remarks>
/// libtorch 2.10's CPU convolution (TorchSharp 0.107), measured against the same convolution in float64:
/// <list type="bullet">
/// <item>fewer than 16 output channels: a wrong input gradient (errors of 1 to 3, and NaN from an uninitialised buffer),
/// with one intra-op thread or more, while the output and the weight gradient are right (1, 3, 8 and 15 outputs from 8 or
/// 32 inputs on 14 x 14 maps). Every layer in front of such a convolution, the whole encoder included, then trained on
/// garbage, and the first fit of a shape could end in NaN.</item>
/// <item>more than 16 input channels that are not a multiple of 16 (17, 20, 24, 31, 33, 40, 47, 100): a wrong output,
/// errors of 0.1 to 0.9 on unit-variance inputs, for every output count, stride, map size (7 to 28) and thread count
/// tried; 1 to 16 inputs and 32, 48, 64, 80, 96 are right within 2e-6 (2026-12-02).</item>
/// </list>
/// The default channel counts (16, 32) need neither. Transposed convolutions are right in every case tried. The padding
/// costs a convolution over the padded channel counts instead of the exact ones.
/// </remarks>
internal sealed class PaddedConvolution : Module<Tensor, Tensor>
{
    /// <summary>The fewest output channels libtorch's convolution backward pass computes correctly here, and the multiple its forward pass needs above that many inputs.</summary>
    public const int ComputedChannels = 16;

    // The field names are the parameter names in a saved model: they must stay "weight" and "bias", as in Conv2d.
#pragma warning disable IDE1006
    private readonly Parameter weight;
    private readonly Parameter bias;
#pragma warning restore IDE1006
    private readonly long stride;
    private readonly long padding;

    public PaddedConvolution(long inputChannels, long outputChannels, long kernel, long stride, long padding)
        : base(nameof(PaddedConvolution))
    {
        if (!NeedsPadding(inputChannels, outputChannels))
            throw new ArgumentOutOfRangeException(nameof(outputChannels), outputChannels, $"Use Conv2d for {inputChannels} inputs and {outputChannels} outputs: libtorch computes them as they are.");
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

    /// <summary>Returns <c>Conv2d</c> where libtorch computes the channel counts as they are, else a <see cref="PaddedConvolution"/>.</summary>
    public static Module<Tensor, Tensor> Create(long inputChannels, long outputChannels, long kernel, long stride = 1, long padding = 0) =>
        NeedsPadding(inputChannels, outputChannels)
            ? new PaddedConvolution(inputChannels, outputChannels, kernel, stride, padding)
            : Conv2d(inputChannels, outputChannels, kernel, stride: stride, padding: padding);

    /// <summary>Whether libtorch gets a convolution with these channel counts wrong (see the remarks).</summary>
    public static bool NeedsPadding(long inputChannels, long outputChannels) =>
        outputChannels < ComputedChannels || ComputedInputs(inputChannels) != inputChannels;

    /// <summary>The input channels the convolution is computed with: up to 16 as they are, above that the next multiple of 16.</summary>
    private static long ComputedInputs(long inputChannels) =>
        inputChannels <= ComputedChannels ? inputChannels : (inputChannels + ComputedChannels - 1) / ComputedChannels * ComputedChannels;

    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        long outputs = weight.shape[0], inputs = weight.shape[1];
        long extraOutputs = Math.Max(0, ComputedChannels - outputs), extraInputs = ComputedInputs(inputs) - inputs;
        Tensor filters = weight, biases = bias, x = input;
        if (extraOutputs > 0)
        {
            filters = cat([filters, zeros([extraOutputs, .. weight.shape[1..]], dtype: weight.dtype)], 0);
            biases = cat([biases, zeros([extraOutputs], dtype: bias.dtype)], 0);
        }
        if (extraInputs > 0)
        {
            filters = cat([filters, zeros([filters.shape[0], extraInputs, .. weight.shape[2..]], dtype: weight.dtype)], 1);
            x = cat([x, zeros([input.shape[0], extraInputs, .. input.shape[2..]], dtype: input.dtype)], 1);
        }
        var output = functional.conv2d(x, filters, biases, strides: [stride, stride], padding: [padding, padding]);
        if (extraOutputs > 0)
            output = output.narrow(1, 0, outputs).contiguous();
        return output.MoveToOuterDisposeScope();
    }
}
