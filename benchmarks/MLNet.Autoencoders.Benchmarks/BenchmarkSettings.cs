namespace MLNet.Autoencoders.Benchmarks;

/// <summary>The benchmark's knobs, from the command line.</summary>
internal sealed record BenchmarkSettings(int Epochs, int MaxTrainRows, int TransformPasses, int TransformRows, int EngineRows)
{
    public const int BatchSize = 256;
    public const double LearningRate = 1e-3;

    public static BenchmarkSettings Parse(string[] args)
    {
        var settings = new BenchmarkSettings(Epochs: 3, MaxTrainRows: 60_000, TransformPasses: 1_000, TransformRows: 10_000, EngineRows: 2_000);
        for (int i = 0; i + 1 < args.Length; i += 2)
        {
            int value = int.Parse(args[i + 1]);
            settings = args[i] switch
            {
                "--epochs" => settings with { Epochs = value },
                "--rows" => settings with { MaxTrainRows = value },
                "--passes" => settings with { TransformPasses = value },
                "--transform-rows" => settings with { TransformRows = value },
                "--engine-rows" => settings with { EngineRows = value },
                _ => throw new ArgumentException($"Unknown option '{args[i]}'. Options: --epochs, --rows, --passes, --transform-rows, --engine-rows."),
            };
        }
        return settings;
    }
}
