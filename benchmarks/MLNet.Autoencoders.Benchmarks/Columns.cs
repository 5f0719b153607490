using System.Diagnostics;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLNet.Autoencoders.Benchmarks;

/// <summary>Reads a scored view the way an application would.</summary>
internal static class Columns
{
    /// <summary>Reads Latent, Reconstruction and ReconstructionError of every row; returns the seconds it took.</summary>
    public static double TimeFullCursor(IDataView scored)
    {
        var clock = Stopwatch.StartNew();
        var schema = scored.Schema;
        using var cursor = scored.GetRowCursor([schema["Latent"], schema["Reconstruction"], schema["ReconstructionError"]]);
        var latent = cursor.GetGetter<VBuffer<float>>(schema["Latent"]);
        var reconstruction = cursor.GetGetter<VBuffer<float>>(schema["Reconstruction"]);
        var error = cursor.GetGetter<float>(schema["ReconstructionError"]);
        VBuffer<float> latentValue = default, reconstructionValue = default;
        float errorValue = 0;
        while (cursor.MoveNext())
        {
            latent(ref latentValue);
            reconstruction(ref reconstructionValue);
            error(ref errorValue);
        }
        return clock.Elapsed.TotalSeconds;
    }

    public static double MeanError(IDataView scored) => scored.GetColumn<float>("ReconstructionError").Average(e => (double)e);
}
