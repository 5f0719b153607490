// Usage: ModelLoadCheck <model.zip> <input.idv> <output.txt>
//        ModelLoadCheck --fit <seed> <input.idv> <output.txt> [component]
// Loads the model with a new MLContext, transforms the binary-format input with it and writes every
// column of every row to output.txt with DataViewDump. With --fit, runs ReferenceFit with the seed
// instead (for the component named, DenseAutoencoder by default; see ReferenceFit.Components), so tests
// can compare a fit in a fresh process with one in theirs. Exit code 0 on success; 1 if loading, fitting
// or transforming fails (each exception of the chain is printed to stderr as "Type: message"); 2 on bad usage.
using System.Text;
using Microsoft.ML;
using MLNet.Autoencoders.ModelLoadCheck;

bool fit = args.Length is 4 or 5 && args[0] == "--fit";
if (!fit && args.Length != 3)
{
    Console.Error.WriteLine("Usage: ModelLoadCheck <model.zip> <input.idv> <output.txt>");
    Console.Error.WriteLine($"       ModelLoadCheck --fit <seed> <input.idv> <output.txt> [{string.Join("|", ReferenceFit.Components)}]");
    return 2;
}

try
{
    if (fit)
    {
        var context = new MLContext();
        string component = args.Length == 5 ? args[4] : ReferenceFit.DenseAutoencoder;
        string dump = ReferenceFit.FitAndDump(context, context.Data.LoadFromBinary(args[2]), int.Parse(args[1]), component);
        File.WriteAllText(args[3], dump, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        return 0;
    }

    var mlContext = new MLContext();
    ITransformer model = mlContext.Model.Load(args[0], out _);
    try
    {
        IDataView input = mlContext.Data.LoadFromBinary(args[1]);
        using var writer = new StreamWriter(args[2], append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        DataViewDump.Write(model.Transform(input), writer);
    }
    finally
    {
        (model as IDisposable)?.Dispose();
    }
    return 0;
}
catch (Exception e)
{
    for (Exception? current = e; current is not null; current = current.InnerException)
        Console.Error.WriteLine($"{current.GetType().FullName}: {current.Message}");
    return 1;
}
