using Microsoft.ML;

namespace MLNet.Autoencoders.Cli;

/// <summary>A model zip that holds at least one MLNet.Autoencoders transformer, loaded for <c>score</c> and <c>export-onnx</c>.</summary>
internal sealed class SavedModel : IDisposable
{
    private readonly ITransformer model;

    private SavedModel(ITransformer model) => this.model = model;

    /// <summary>The model's transformers in order, chains flattened.</summary>
    public IReadOnlyList<ITransformer> Transformers => [.. Flatten(model)];

    /// <exception cref="CliInputException">The file is missing, is not an ML.NET model, or holds none of the library's transformers.</exception>
    public static SavedModel Load(MLContext ml, string path)
    {
        if (!File.Exists(path))
            throw new CliInputException($"File not found: '{path}'.");
        ITransformer model;
        try
        {
            model = ml.Model.Load(path, out _);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw new CliInputException($"'{path}' is not a model saved by MLNet.Autoencoders: it could not be loaded as an ML.NET model ({e.Message}).", e);
        }
        if (!Flatten(model).Any(IsLibraryTransformer))
        {
            (model as IDisposable)?.Dispose();
            throw new CliInputException($"'{path}' is an ML.NET model, but not one of MLNet.Autoencoders: it holds no autoencoder transformer.");
        }
        return new SavedModel(model);
    }

    public IDataView Transform(IDataView data) => model.Transform(data);

    public void Dispose() => (model as IDisposable)?.Dispose();

    private static bool IsLibraryTransformer(ITransformer transformer) =>
        transformer.GetType().Assembly.GetName().Name!.StartsWith("MLNet.Autoencoders", StringComparison.Ordinal);

    private static IEnumerable<ITransformer> Flatten(ITransformer model) =>
        model is IEnumerable<ITransformer> chain ? chain.SelectMany(Flatten) : [model];
}
