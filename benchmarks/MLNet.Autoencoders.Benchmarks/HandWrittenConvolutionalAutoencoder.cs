using System.Diagnostics;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace MLNet.Autoencoders.Benchmarks;

/// <summary>
/// The convolutional benchmark's reference, written by hand in TorchSharp: the library's network for 28x28 images with max
/// pooling, 32 and 64 channels, nearest-neighbour upsampling and a 32-value code, trained with Adam on MSE over a pre-built tensor.
/// </summary>
internal sealed class HandWrittenConvolutionalAutoencoder : IDisposable
{
    private readonly Module<Tensor, Tensor> encoder;
    private readonly Module<Tensor, Tensor> decoder;

    public HandWrittenConvolutionalAutoencoder(int seed)
    {
        manual_seed(seed);
        encoder = Sequential(
            Conv2d(1, 32, 3, padding: 1), ReLU(), MaxPool2d(2),
            Conv2d(32, 64, 3, padding: 1), ReLU(), MaxPool2d(2),
            Flatten(), Linear(64 * 7 * 7, 32));
        decoder = Sequential(
            Linear(32, 64 * 7 * 7), ReLU(), Unflatten(1, [64, 7, 7]),
            Upsample(scale_factor: [2.0, 2.0], mode: UpsampleMode.Nearest), Conv2d(64, 32, 3, padding: 1), ReLU(),
            // 16 filters of which only the first is used: libtorch 2.10's CPU convolution computes a wrong (often NaN) input
            // gradient for fewer than 16 output channels, so the 1-channel output layer is computed as the library does.
            Upsample(scale_factor: [2.0, 2.0], mode: UpsampleMode.Nearest), Conv2d(32, 16, 3, padding: 1), new FirstChannel(), Sigmoid());
    }

    /// <summary>The first channel of [batch, C, H, W] maps.</summary>
    private sealed class FirstChannel() : Module<Tensor, Tensor>(nameof(FirstChannel))
    {
        public override Tensor forward(Tensor input)
        {
            using var first = input.narrow(1, 0, 1);
            return first.contiguous();
        }
    }

    /// <summary>Trains on [rows, 784] pixels for <paramref name="epochs"/> epochs; returns each epoch's wall-clock, user and system CPU seconds.</summary>
    public List<(double Wall, double User, double System)> Train(Tensor pixels, int epochs, int batchSize, double learningRate)
    {
        using var optimizer = optim.Adam(encoder.parameters().Concat(decoder.parameters()), learningRate);
        long rows = pixels.shape[0];
        using var images = pixels.reshape(rows, 1, 28, 28);
        var seconds = new List<(double, double, double)>();
        encoder.train();
        decoder.train();
        for (int epoch = 0; epoch < epochs; epoch++)
        {
            var clock = Stopwatch.StartNew();
            var cpu = ProcessMemory.CpuTimes();
            using var order = randperm(rows);
            for (long start = 0; start < rows; start += batchSize)
            {
                using var scope = NewDisposeScope();
                var batch = images.index_select(0, order.narrow(0, start, Math.Min(batchSize, rows - start)));
                var loss = functional.mse_loss(decoder.forward(encoder.forward(batch)), batch);
                optimizer.zero_grad();
                loss.backward();
                optimizer.step();
                LossCheck.ThrowIfNotFinite($"hand-written conv loop: training loss in epoch {epoch + 1}", loss.item<float>());
            }
            var now = ProcessMemory.CpuTimes();
            seconds.Add((clock.Elapsed.TotalSeconds, now.User - cpu.User, now.System - cpu.System));
            Console.Error.WriteLine($"  hand-written conv loop: epoch {epoch + 1}: {seconds[^1].Item1:F2} s, {seconds[^1].Item2:F1} s user, {seconds[^1].Item3:F1} s system");
        }
        return seconds;
    }

    public void Dispose()
    {
        encoder.Dispose();
        decoder.Dispose();
    }
}
