using Microsoft.ML;
using MLNet.Autoencoders.ModelLoadCheck;

namespace MLNet.Autoencoders.Tests.Persistence;

/// <summary>
/// The save/load round trips of the persistence tests: save a model to a temporary zip, load it in a new MLContext, and
/// compare what it computes, as a <see cref="DataViewDump"/>, in this process and in a fresh ModelLoadCheck process.
/// </summary>
internal static class RoundTrip
{
    /// <summary>Saves <paramref name="model"/>, fitted on data of <paramref name="inputSchema"/>, as <paramref name="fileName"/> in <paramref name="directory"/>.</summary>
    /// <returns>The model file's path.</returns>
    public static string Save(MLContext ml, ITransformer model, DataViewSchema inputSchema, TempDirectory directory, string fileName)
    {
        string path = directory.File(fileName);
        ml.Model.Save(model, inputSchema, path);
        return path;
    }

    /// <summary>Loads <paramref name="modelPath"/> in a new MLContext, gives it and its input schema to <paramref name="use"/>, then disposes it.</summary>
    public static T WithLoaded<T>(string modelPath, Func<ITransformer, DataViewSchema, T> use)
    {
        var loaded = new MLContext().Model.Load(modelPath, out var inputSchema);
        try
        {
            return use(loaded, inputSchema);
        }
        finally
        {
            (loaded as IDisposable)?.Dispose();
        }
    }

    /// <summary>What the model saved at <paramref name="modelPath"/>, loaded in a new MLContext, computes on <paramref name="data"/>.</summary>
    public static string DumpAfterLoad(string modelPath, IDataView data) =>
        WithLoaded(modelPath, (loaded, _) => DataViewDump.ToText(loaded.Transform(data)));

    /// <summary>The single <typeparamref name="T"/> a loaded model is or holds (a model saved alone, or in a chain).</summary>
    public static T Find<T>(ITransformer loaded) where T : class, ITransformer =>
        loaded as T ?? ((IEnumerable<ITransformer>)loaded).OfType<T>().Single();

    /// <summary>
    /// Saves <paramref name="data"/> in ML.NET's binary format, runs ModelLoadCheck on <paramref name="modelPath"/> in a fresh
    /// process, and asserts that it computes, bit for bit, what <paramref name="model"/> computes here on the same file's rows.
    /// </summary>
    public static void AssertFreshProcessReproduces(ITransformer model, string modelPath, IDataView data, TempDirectory directory, string name = "fresh-process")
    {
        var ml = new MLContext();
        string inputPath = directory.File($"{name}-input.idv");
        string outputPath = directory.File($"{name}-output.txt");
        PersistenceTestData.SaveBinary(ml, data, inputPath);
        var input = ml.Data.LoadFromBinary(inputPath);

        var result = ModelLoadCheckProcess.Run(modelPath, inputPath, outputPath);

        Assert.AreEqual(0, result.ExitCode, result.StandardError + result.StandardOutput);
        Assert.AreEqual(DataViewDump.ToText(model.Transform(input)), File.ReadAllText(outputPath));
    }
}
