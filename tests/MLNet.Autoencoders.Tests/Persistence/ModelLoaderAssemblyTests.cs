using System.Reflection;
using System.Text.Json;
using Microsoft.ML;
using MLNet.Autoencoders.Transforms.Persistence;

namespace MLNet.Autoencoders.Tests.Persistence;

/// <summary>
/// The build-time emitted MLNet.Autoencoders.ModelLoader assembly is what lets plain
/// <c>mlContext.Model.Load</c> find our loader: ML.NET reads the loader's assembly name from the model
/// header, calls <c>Assembly.Load</c> on it, registers its [LoadableClass] and calls its Create.
/// </summary>
[TestClass]
public sealed class ModelLoaderAssemblyTests
{
    private static Assembly LoaderAssembly => Assembly.Load(new AssemblyName(ModelLoaderNames.AssemblyName));

    [TestMethod]
    public void LoaderAssembly_IsListedInDepsJsonAndTrustedPlatformAssemblies()
    {
        // Assembly.Load by name in a .NET app only finds what the host's deps.json put on the TPA list.
        string fileName = ModelLoaderNames.AssemblyName + ".dll";
        string depsJson = Path.ChangeExtension(typeof(ModelLoaderAssemblyTests).Assembly.Location, ".deps.json");
        using JsonDocument deps = JsonDocument.Parse(File.ReadAllText(depsJson));
        bool listed = deps.RootElement.GetProperty("targets").EnumerateObject()
            .SelectMany(target => target.Value.EnumerateObject())
            .Where(library => library.Value.TryGetProperty("runtime", out _))
            .Any(library => library.Value.GetProperty("runtime").EnumerateObject().Any(asset => Path.GetFileName(asset.Name) == fileName));
        Assert.IsTrue(listed, $"{fileName} is not a runtime asset in {depsJson}.");

        string tpa = (string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!;
        Assert.IsTrue(tpa.Split(Path.PathSeparator).Any(p => Path.GetFileName(p) == fileName), $"{fileName} is not on the TPA list.");
    }

    [TestMethod]
    public void LoaderAssembly_IsWhatModelHeadersName()
    {
        Assert.AreEqual(ModelLoaderNames.AssemblyName, LoaderAssembly.GetName().Name);
        Assert.AreEqual(ModelLoaderNames.AssemblyName, ModelFormat.Current.LoaderAssemblyName);
        Assert.AreEqual(ModelLoaderNames.LoaderSignature, ModelFormat.Current.LoaderSignature);
    }

    [TestMethod]
    public void LoaderAssembly_DeclaresLoadableClassForOurLoaderSignature()
    {
        // Without [IgnoresAccessChecksTo("Microsoft.ML.Core")] the runtime silently drops this internal attribute.
        Attribute loadableClass = LoaderAssembly.GetCustomAttributes()
            .Single(a => a.GetType().FullName == "Microsoft.ML.LoadableClassAttribute");
        Type attributeType = loadableClass.GetType();
        object? Property(string name) => attributeType.GetProperty(name)!.GetValue(loadableClass);

        Assert.AreEqual(typeof(ITransformer), Property("InstanceType"));
        Assert.AreEqual(ModelLoaderNames.LoaderTypeName, ((Type)Property("LoaderType")!).FullName);
        Assert.IsNull(Property("ArgType"));
        Assert.AreEqual("Microsoft.ML.SignatureLoadModel", ((Type[])Property("SigTypes")!).Single().FullName);
        CollectionAssert.AreEqual(new[] { ModelLoaderNames.LoaderSignature }, (string[])Property("LoadNames")!);
    }

    [TestMethod]
    public void LoaderAssembly_ReferencesOnlyCoreLibAndMicrosoftMLCore()
    {
        // Late binding to PersistedModelLoader: the emitter runs before MLNet.Autoencoders.Transforms is compiled.
        string[] references = LoaderAssembly.GetReferencedAssemblies().Select(a => a.Name!).Order(StringComparer.Ordinal).ToArray();
        CollectionAssert.AreEqual(new[] { "Microsoft.ML.Core", "System.Private.CoreLib" }, references);
    }

    [TestMethod]
    public void RegisterAssembly_OnLoaderAssembly_DoesNotThrow()
    {
        var mlContext = new MLContext(seed: 1);
        mlContext.ComponentCatalog.RegisterAssembly(LoaderAssembly);
        mlContext.ComponentCatalog.RegisterAssembly(LoaderAssembly); // registering twice is a no-op
    }

    [TestMethod]
    public void ModelLoad_InNewMLContext_ReachesPersistedModelLoader()
    {
        // ScaleByConstant is not in PersistedModelKinds: reaching the unknown-kind message proves that ML.NET
        // found the emitted assembly by name, resolved our loader signature and called PersistedModelLoader.
        using var temp = new TempDirectory();
        string modelPath = temp.File("model.zip");
        var saving = new MLContext(seed: 1);
        IDataView data = PersistenceTestData.Create(saving);
        saving.Model.Save(new ScaleByConstantTransformer("X", 2f), data.Schema, modelPath);

        var loading = new MLContext(seed: 2);
        Exception exception = Assert.Throws<Exception>(() => loading.Model.Load(modelPath, out _));

        var unknownKind = ExceptionChain.Find<InvalidDataException>(exception);
        Assert.Contains("Model file holds an MLNet.Autoencoders component of kind 'ScaleByConstant' that this version does not know. Known kinds: ",
            unknownKind.Message);
    }

    [TestMethod]
    public void ModelLoad_InFreshProcess_ReachesPersistedModelLoader()
    {
        using var temp = new TempDirectory();
        string modelPath = temp.File("model.zip");
        string inputPath = temp.File("input.idv");
        var mlContext = new MLContext(seed: 1);
        IDataView data = PersistenceTestData.Create(mlContext);
        PersistenceTestData.SaveBinary(mlContext, data, inputPath);
        mlContext.Model.Save(new ScaleByConstantTransformer("X", 2f), data.Schema, modelPath);

        ProcessResult result = ModelLoadCheckProcess.Run(modelPath, inputPath, temp.File("output.txt"));

        Assert.AreEqual(1, result.ExitCode, $"stdout:\n{result.StandardOutput}\nstderr:\n{result.StandardError}");
        Assert.Contains("System.IO.InvalidDataException: Model file holds an MLNet.Autoencoders component of kind 'ScaleByConstant'", result.StandardError);
        Assert.DoesNotContain("FileNotFoundException", result.StandardError);
    }

    [TestMethod]
    public void ModelLoadCheck_ModelOfMlNetTransforms_DumpsWhatTheModelComputesInProcess()
    {
        // Checks the fresh-process harness itself with components ML.NET loads without us.
        using var temp = new TempDirectory();
        string modelPath = temp.File("model.zip");
        string inputPath = temp.File("input.idv");
        string outputPath = temp.File("output.txt");
        var mlContext = new MLContext(seed: 1);
        PersistenceTestData.SaveBinary(mlContext, PersistenceTestData.Create(mlContext), inputPath);
        IDataView input = mlContext.Data.LoadFromBinary(inputPath);
        ITransformer model = mlContext.Transforms.NormalizeMinMax("Features")
            .Append(mlContext.Transforms.Conversion.MapValueToKey("TextKey", "Text"))
            .Fit(input);
        mlContext.Model.Save(model, input.Schema, modelPath);

        ProcessResult result = ModelLoadCheckProcess.Run(modelPath, inputPath, outputPath);

        Assert.AreEqual(0, result.ExitCode, result.StandardError);
        string inProcess = DataViewDumpText(model.Transform(input));
        Assert.AreEqual(inProcess, File.ReadAllText(outputPath));
        Assert.Contains("\"TextKey\"", inProcess);
    }

    private static string DataViewDumpText(IDataView data) => MLNet.Autoencoders.ModelLoadCheck.DataViewDump.ToText(data);
}
