// ---------------------------------------------------------------------------------------------------
// The ONLY file in MLNet.Autoencoders that touches ML.NET internals, by reflection.
// Pinned to Microsoft.ML 5.0.1 (Directory.Packages.props pins it exactly). The member names below were
// checked against the 5.0.1 assemblies; tests/.../Persistence/MlNetInternalsTests.VerifyBindings fails
// loudly if an upgrade renames one. ML.NET gives external assemblies no public way to write a model
// header (ModelSaveContext's members are internal), to read one (ModelLoadContext is internal), or to
// build a SchemaShape.Column (its constructor is internal), or to get the IHostEnvironment behind a catalog
// such as mlContext.Transforms (IInternalCatalog is internal).
// ---------------------------------------------------------------------------------------------------
using System.Reflection;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Runtime;

namespace MLNet.Autoencoders.Transforms.Persistence;

/// <summary>Typed access to the internal ML.NET 5.0.1 members that model persistence and schemas need.</summary>
internal static class MlNetInternals
{
    private const string SupportedVersion = "5.0.1";
    private const BindingFlags AnyInstance = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic;

    private static readonly Assembly MlCore = typeof(ModelSaveContext).Assembly;

    private static readonly Lazy<Type> InternalCatalogType = new(() => FindType(typeof(TransformsCatalog).Assembly, "Microsoft.ML.Data.IInternalCatalog"));
    private static readonly Lazy<Type> VersionInfoType = new(() => FindType("Microsoft.ML.VersionInfo"));
    private static readonly Lazy<Type> ModelLoadContextType = new(() => FindType("Microsoft.ML.ModelLoadContext"));

    // VersionInfo(string modelSignature, uint verWrittenCur, uint verReadableCur, uint verWeCanReadBack,
    //             string loaderAssemblyName, string loaderSignature, string loaderSignatureAlt)
    private static readonly Lazy<ConstructorInfo> VersionInfoCtor = new(() => FindConstructor(VersionInfoType.Value,
        [typeof(string), typeof(uint), typeof(uint), typeof(uint), typeof(string), typeof(string), typeof(string)]));

    private static readonly Lazy<PropertyInfo> CatalogEnvironment = new(() => FindProperty(InternalCatalogType.Value, "Environment", typeof(IHostEnvironment)));

    private static readonly Lazy<MethodInfo> SaveCheckAtModel = new(() => FindMethod(typeof(ModelSaveContext), "CheckAtModel", []));
    private static readonly Lazy<MethodInfo> SaveSetVersionInfo = new(() => FindMethod(typeof(ModelSaveContext), "SetVersionInfo", [VersionInfoType.Value]));
    private static readonly Lazy<FieldInfo> SaveWriter = new(() => FindField(typeof(ModelSaveContext), "Writer", typeof(BinaryWriter)));
    private static readonly Lazy<MethodInfo> SaveBinaryStreamMethod = new(() => FindMethod(typeof(ModelSaveContext), "SaveBinaryStream",
        [typeof(string), typeof(Action<BinaryWriter>)]));

    private static readonly Lazy<MethodInfo> LoadCheckAtModel = new(() => FindMethod(ModelLoadContextType.Value, "CheckAtModel", [VersionInfoType.Value]));
    private static readonly Lazy<FieldInfo> LoadReader = new(() => FindField(ModelLoadContextType.Value, "Reader", typeof(BinaryReader)));
    private static readonly Lazy<MethodInfo> LoadTryLoadBinaryStream = new(() => FindMethod(ModelLoadContextType.Value, "TryLoadBinaryStream",
        [typeof(string), typeof(Action<BinaryReader>)]));

    // SchemaShape.Column(string name, VectorKind vecKind, DataViewType itemType, bool isKey, SchemaShape annotations)
    private static readonly Lazy<ConstructorInfo> ColumnCtor = new(() => FindConstructor(typeof(SchemaShape.Column),
        [typeof(string), typeof(SchemaShape.Column.VectorKind), typeof(DataViewType), typeof(bool), typeof(SchemaShape)]));

    /// <summary>The Microsoft.ML version actually loaded, e.g. "5.0.1" (from its informational version).</summary>
    public static string MicrosoftMLVersion { get; } = ReadVersion(MlCore);

    /// <summary>Resolves every member this class uses; throws <see cref="InvalidOperationException"/> naming the first missing one.</summary>
    public static void VerifyBindings()
    {
        _ = CatalogEnvironment.Value;
        _ = VersionInfoCtor.Value;
        _ = SaveCheckAtModel.Value;
        _ = SaveSetVersionInfo.Value;
        _ = SaveWriter.Value;
        _ = SaveBinaryStreamMethod.Value;
        _ = LoadCheckAtModel.Value;
        _ = LoadReader.Value;
        _ = LoadTryLoadBinaryStream.Value;
        _ = ColumnCtor.Value;
    }

    // ---- environment --------------------------------------------------------------------------------

    /// <summary>
    /// The <see cref="IHostEnvironment"/> behind an ML.NET catalog such as <c>mlContext.Transforms</c>
    /// (what ML.NET's own catalog extensions get from their internal <c>CatalogUtils.GetEnvironment</c>).
    /// </summary>
    public static IHostEnvironment GetEnvironment(object catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        if (!InternalCatalogType.Value.IsInstanceOfType(catalog))
            throw new ArgumentException($"{catalog.GetType().FullName} is not an ML.NET catalog.", nameof(catalog));
        return (IHostEnvironment)CatalogEnvironment.Value.GetValue(catalog)!;
    }

    // ---- saving -------------------------------------------------------------------------------------

    /// <summary>Checks the context is positioned at the model block and writes <paramref name="format"/> into the header.</summary>
    public static void BeginModel(ModelSaveContext ctx, ModelFormat format)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        Invoke(SaveCheckAtModel.Value, ctx);
        Invoke(SaveSetVersionInfo.Value, ctx, CreateVersionInfo(format));
    }

    /// <summary>The writer of the main model stream.</summary>
    public static BinaryWriter GetWriter(ModelSaveContext ctx)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        return (BinaryWriter)SaveWriter.Value.GetValue(ctx)!;
    }

    /// <summary>Writes an extra entry next to the main model stream, in the model's directory of the zip.</summary>
    public static void SaveBinaryStream(ModelSaveContext ctx, string name, Action<BinaryWriter> write)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        Invoke(SaveBinaryStreamMethod.Value, ctx, name, write);
    }

    // ---- loading (ctx is ML.NET's internal ModelLoadContext) ----------------------------------------

    /// <summary>
    /// Checks the context is positioned at the model block and that the header was written in a
    /// <paramref name="format"/> this code can read; ML.NET's own FormatException explains a mismatch.
    /// </summary>
    public static void CheckAtModel(object ctx, ModelFormat format) =>
        Invoke(LoadCheckAtModel.Value, RequireLoadContext(ctx), CreateVersionInfo(format));

    /// <summary>The reader of the main model stream.</summary>
    public static BinaryReader GetReader(object ctx) => (BinaryReader)LoadReader.Value.GetValue(RequireLoadContext(ctx))!;

    /// <summary>Reads an extra entry written by <see cref="SaveBinaryStream"/>; <see langword="false"/> if it does not exist.</summary>
    public static bool TryLoadBinaryStream(object ctx, string name, Action<BinaryReader> read) =>
        (bool)Invoke(LoadTryLoadBinaryStream.Value, RequireLoadContext(ctx), name, read)!;

    // ---- schema shapes ------------------------------------------------------------------------------

    /// <summary>A <see cref="SchemaShape"/> of the given columns (its constructor is public in 5.0.1; kept here beside <see cref="CreateColumn"/>).</summary>
    public static SchemaShape CreateSchemaShape(IEnumerable<SchemaShape.Column> columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        return new SchemaShape(columns);
    }

    /// <summary>A <see cref="SchemaShape.Column"/>, as <c>IEstimator.GetOutputSchema</c> must return.</summary>
    public static SchemaShape.Column CreateColumn(string name, SchemaShape.Column.VectorKind kind, DataViewType itemType,
        bool isKey, SchemaShape? annotations = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(itemType);
        return (SchemaShape.Column)ColumnCtor.Value.Invoke(BindingFlags.DoNotWrapExceptions, null,
            [name, kind, itemType, isKey, annotations], null);
    }

    // ---- plumbing -----------------------------------------------------------------------------------

    private static object CreateVersionInfo(ModelFormat format)
    {
        ArgumentNullException.ThrowIfNull(format);
        return VersionInfoCtor.Value.Invoke(BindingFlags.DoNotWrapExceptions, null,
            [format.ModelSignature, format.VerWrittenCur, format.VerReadableCur, format.VerWeCanReadBack,
             format.LoaderAssemblyName, format.LoaderSignature, null], null);
    }

    private static object RequireLoadContext(object ctx)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        if (!ModelLoadContextType.Value.IsInstanceOfType(ctx))
            throw new ArgumentException($"Expected ML.NET's {ModelLoadContextType.Value.FullName}, got {ctx.GetType().FullName}.", nameof(ctx));
        return ctx;
    }

    // DoNotWrapExceptions: callers see ML.NET's own exceptions, not TargetInvocationException.
    private static object? Invoke(MethodInfo method, object target, params object?[] args) =>
        method.Invoke(target, BindingFlags.DoNotWrapExceptions, null, args, null);

    private static Type FindType(string fullName) => FindType(MlCore, fullName);

    private static Type FindType(Assembly assembly, string fullName) =>
        assembly.GetType(fullName, throwOnError: false) ?? throw Missing(fullName);

    private static PropertyInfo FindProperty(Type type, string name, Type propertyType)
    {
        PropertyInfo? property = type.GetProperty(name, AnyInstance);
        return property is not null && property.PropertyType == propertyType && property.GetMethod is not null
            ? property
            : throw Missing($"{type.FullName}.{name} ({propertyType.Name})");
    }

    private static MethodInfo FindMethod(Type type, string name, Type[] parameters) =>
        type.GetMethod(name, AnyInstance, null, parameters, null)
        ?? throw Missing($"{type.FullName}.{name}({string.Join(", ", parameters.Select(p => p.Name))})");

    private static FieldInfo FindField(Type type, string name, Type fieldType)
    {
        FieldInfo? field = type.GetField(name, AnyInstance);
        return field is not null && field.FieldType == fieldType ? field : throw Missing($"{type.FullName}.{name} ({fieldType.Name})");
    }

    private static ConstructorInfo FindConstructor(Type type, Type[] parameters) =>
        type.GetConstructor(AnyInstance, null, parameters, null)
        ?? throw Missing($"{type.FullName}({string.Join(", ", parameters.Select(p => p.Name))})");

    private static InvalidOperationException Missing(string member) => new(
        $"ML.NET internal member {member} not found; MLNet.Autoencoders supports Microsoft.ML {SupportedVersion} only, found {MicrosoftMLVersion}.");

    private static string ReadVersion(Assembly assembly)
    {
        string? informational = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        if (string.IsNullOrEmpty(informational))
            return assembly.GetName().Version?.ToString() ?? "unknown";
        int metadata = informational.IndexOf('+', StringComparison.Ordinal);
        return metadata < 0 ? informational : informational[..metadata];
    }
}
