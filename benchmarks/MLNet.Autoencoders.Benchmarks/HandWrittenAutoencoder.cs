using System.Runtime.InteropServices;
using System.Diagnostics;
using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace MLNet.Autoencoders.Benchmarks;

/// <summary>
/// The reference: what a developer would write by hand in TorchSharp for the benchmark's network,
/// 784-256-64-256-784 with ReLU and a sigmoid output, trained with Adam on MSE over a pre-built tensor.
/// </summary>
internal sealed class HandWrittenAutoencoder : IDisposable
{
    private readonly Module<Tensor, Tensor> encoder;
    private readonly Module<Tensor, Tensor> decoder;

    public HandWrittenAutoencoder(int seed)
    {
        manual_seed(seed);
        encoder = Sequential(Linear(Workload.Pixels, 256), ReLU(), Linear(256, 64));
        decoder = Sequential(Linear(64, 256), ReLU(), Linear(256, Workload.Pixels), Sigmoid());
    }

    public long ParameterCount => encoder.parameters().Concat(decoder.parameters()).Sum(p => p.numel());

    /// <summary>Trains for <paramref name="epochs"/> epochs and returns each epoch's wall-clock and CPU seconds.</summary>
    public List<(double Wall, double Cpu)> Train(Tensor data, int epochs, int batchSize, double learningRate)
    {
        var parameters = encoder.parameters().Concat(decoder.parameters());
        using var optimizer = optim.Adam(parameters, learningRate);
        long rows = data.shape[0];
        var seconds = new List<(double Wall, double Cpu)>();
        encoder.train();
        decoder.train();
        for (int epoch = 0; epoch < epochs; epoch++)
        {
            var clock = Stopwatch.StartNew();
            double cpu = ProcessMemory.CpuSeconds();
            double sum = 0;
            using var order = randperm(rows);
            for (long start = 0; start < rows; start += batchSize)
            {
                using var scope = NewDisposeScope();
                var batch = data.index_select(0, order.narrow(0, start, Math.Min(batchSize, rows - start)));
                var loss = functional.mse_loss(decoder.forward(encoder.forward(batch)), batch);
                optimizer.zero_grad();
                loss.backward();
                optimizer.step();
                sum += loss.item<float>() * batch.shape[0];
            }
            seconds.Add((clock.Elapsed.TotalSeconds, ProcessMemory.CpuSeconds() - cpu));
            LossCheck.ThrowIfNotFinite($"hand-written loop: training loss in epoch {epoch + 1}", sum / rows);
            Console.Error.WriteLine($"  hand-written loop: epoch {epoch + 1}: loss {sum / rows:G5} ({seconds[^1].Wall:F2} s, {seconds[^1].Cpu:F2} CPU s)");
        }
        return seconds;
    }

    /// <summary>
    /// Scores every row with batched <c>no_grad</c> forward passes and copies latent, reconstruction and
    /// per-row error into managed arrays, as a scoring loop that hands results to .NET code would.
    /// </summary>
    public (double Seconds, double MeanError) Score(Tensor data, int batchSize)
    {
        encoder.eval();
        decoder.eval();
        long rows = data.shape[0];
        var latent = new float[batchSize * 64];
        var reconstruction = new float[batchSize * Workload.Pixels];
        var error = new float[batchSize];
        double errorSum = 0;
        var clock = Stopwatch.StartNew();
        using (no_grad())
        {
            for (long start = 0; start < rows; start += batchSize)
            {
                using var scope = NewDisposeScope();
                long count = Math.Min(batchSize, rows - start);
                var batch = data.narrow(0, start, count);
                var code = encoder.forward(batch);
                var output = decoder.forward(code);
                var rowError = (output - batch).square().mean([1]);
                Floats(code).CopyTo(latent);
                Floats(output).CopyTo(reconstruction);
                Floats(rowError).CopyTo(error);
                for (int i = 0; i < count; i++)
                    errorSum += error[i];
            }
        }
        return (clock.Elapsed.TotalSeconds, errorSum / rows);
    }

    /// <summary>
    /// Rows per second of a <c>no_grad</c> forward pass over one row at a time (a [1, 784] tensor made from a managed
    /// array, latent and reconstruction copied back): the most a per-row API such as <c>PredictionEngine</c> could reach.
    /// </summary>
    public double OneRowAtATimeRate(float[] data, int rows)
    {
        encoder.eval();
        decoder.eval();
        var latent = new float[64];
        var reconstruction = new float[Workload.Pixels];
        var clock = Stopwatch.StartNew();
        using (no_grad())
        {
            for (int row = 0; row < rows; row++)
            {
                using var scope = NewDisposeScope();
                var input = empty(1, Workload.Pixels);
                data.AsSpan(row * Workload.Pixels, Workload.Pixels).CopyTo(Floats(input));
                var code = encoder.forward(input);
                var output = decoder.forward(code);
                Floats(code).CopyTo(latent);
                Floats(output).CopyTo(reconstruction);
                _ = (output - input).square().mean().item<float>();
            }
        }
        return rows / clock.Elapsed.TotalSeconds;
    }

    /// <summary>
    /// A contiguous float tensor's values, without a copy: what a scoring loop that cares about speed uses rather than
    /// <c>data&lt;float&gt;().CopyTo</c>, which walks the elements one at a time.
    /// </summary>
    private static Span<float> Floats(Tensor contiguous) => MemoryMarshal.Cast<byte, float>(contiguous.bytes);

    public void Dispose()
    {
        encoder.Dispose();
        decoder.Dispose();
    }
}
