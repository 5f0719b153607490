// Writes MLNet.Autoencoders.ModelLoader.dll.
//
// Why an emitted assembly: mlContext.Model.Load finds a component's loader through an assembly-level
// [LoadableClass] attribute in the assembly named in the model header. That attribute, its signature
// type and ModelLoadContext are internal to Microsoft.ML.Core, so C# cannot write them. Reflection.Emit
// can, and an [IgnoresAccessChecksTo("Microsoft.ML.Core")] attribute makes the runtime accept them.
// The emitted Create method calls PersistedModelLoader.Load in MLNet.Autoencoders.Transforms late-bound,
// so this tool runs before that assembly is compiled, and the output never changes as kinds are added.
using MLNet.Autoencoders.Build.ModelLoaderEmitter;

if (args.Length != 1)
{
    Console.Error.WriteLine("Usage: ModelLoaderEmitter <output.dll>");
    return 2;
}

string outputPath = Path.GetFullPath(args[0]);
string expectedFileName = MLNet.Autoencoders.Transforms.Persistence.ModelLoaderNames.AssemblyName + ".dll";
if (!string.Equals(Path.GetFileName(outputPath), expectedFileName, StringComparison.Ordinal))
{
    Console.Error.WriteLine($"ModelLoaderEmitter: the output file must be named '{expectedFileName}', got '{outputPath}'.");
    return 2;
}

byte[] image = DeterministicImage.Normalize(ModelLoaderAssemblyBuilder.Build());

// Write next to the target and rename, so a failed or interrupted run never leaves a half-written DLL.
Directory.CreateDirectory(Path.GetDirectoryName(outputPath)!);
string temporaryPath = outputPath + ".tmp";
File.WriteAllBytes(temporaryPath, image);
File.Move(temporaryPath, outputPath, overwrite: true);
Console.WriteLine($"ModelLoaderEmitter: wrote {outputPath}");
return 0;
