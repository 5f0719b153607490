using System.ComponentModel;
using System.Globalization;
using System.Reflection;
using System.Reflection.Emit;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;
using Microsoft.ML;
using Microsoft.ML.Runtime;
using MLNet.Autoencoders.Transforms.Persistence;

namespace MLNet.Autoencoders.Build.ModelLoaderEmitter;

/// <summary>
/// Emits the loader assembly. In C# it would read:
/// <code>
/// [assembly: IgnoresAccessChecksTo("Microsoft.ML.Core")]
/// [assembly: LoadableClass(typeof(ITransformer), typeof(AutoencoderModelLoader), null,
///     typeof(SignatureLoadModel), "MLNet.Autoencoders model", "MLNetAutoencodersModel")]
///
/// public static class AutoencoderModelLoader
/// {
///     public static ITransformer Create(IHostEnvironment env, ModelLoadContext ctx) =>
///         (ITransformer)Type.GetType("...PersistedModelLoader, MLNet.Autoencoders.Transforms", throwOnError: true)
///             .GetMethod("Load", BindingFlags.Public | BindingFlags.Static, [typeof(IHostEnvironment), typeof(object)])
///             .Invoke(null, BindingFlags.DoNotWrapExceptions, null, [env, ctx], null);
/// }
/// </code>
/// </summary>
internal static class ModelLoaderAssemblyBuilder
{
    private const string MicrosoftMLCore = "Microsoft.ML.Core";

    public static byte[] Build()
    {
        Assembly mlCore = typeof(ITransformer).Assembly;
        Type modelLoadContext = RequireType(mlCore, "Microsoft.ML.ModelLoadContext");
        Type signatureLoadModel = RequireType(mlCore, "Microsoft.ML.SignatureLoadModel");
        Type loadableClassAttribute = RequireType(mlCore, "Microsoft.ML.LoadableClassAttribute");

        var name = new AssemblyName(ModelLoaderNames.AssemblyName) { Version = new Version(1, 0, 0, 0) };
        var assembly = new PersistedAssemblyBuilder(name, typeof(object).Assembly);
        ModuleBuilder module = assembly.DefineDynamicModule(ModelLoaderNames.AssemblyName + ".dll");

        ConstructorBuilder ignoresAccessChecksTo = DefineIgnoresAccessChecksToAttribute(module);
        TypeBuilder loader = DefineLoaderType(module, modelLoadContext);

        // LoadableClassAttribute(Type instType, Type loaderType, Type argType, Type sigType, string userName, params string[] loadNames)
        ConstructorInfo loadableClassCtor = loadableClassAttribute.GetConstructor(
            [typeof(Type), typeof(Type), typeof(Type), typeof(Type), typeof(string), typeof(string[])])
            ?? throw new InvalidOperationException("LoadableClassAttribute(Type, Type, Type, Type, string, string[]) not found in " + mlCore.FullName);
        assembly.SetCustomAttribute(new CustomAttributeBuilder(loadableClassCtor,
        [
            typeof(ITransformer), loader, null, signatureLoadModel,
            ModelLoaderNames.LoaderUserName, new[] { ModelLoaderNames.LoaderSignature },
        ]));

        return Serialize(assembly, ignoresAccessChecksTo);
    }

    /// <summary>
    /// Does what <see cref="PersistedAssemblyBuilder.Save(Stream)"/> does, plus the
    /// <c>[assembly: IgnoresAccessChecksTo("Microsoft.ML.Core")]</c> row. That attribute cannot go through
    /// <see cref="AssemblyBuilder.SetCustomAttribute(CustomAttributeBuilder)"/>: .NET 10 writes assembly-level
    /// attributes before it numbers the methods, so a constructor defined in the same assembly is written
    /// as the invalid token 0x06000000 and the runtime refuses to load the file (BadImageFormatException).
    /// After <see cref="PersistedAssemblyBuilder.GenerateMetadata(out BlobBuilder, out BlobBuilder)"/> the
    /// constructor has its token, so the row is added directly.
    /// </summary>
    private static byte[] Serialize(PersistedAssemblyBuilder assembly, ConstructorBuilder ignoresAccessChecksTo)
    {
        MetadataBuilder metadata = assembly.GenerateMetadata(out BlobBuilder ilStream, out BlobBuilder mappedFieldData);

        var value = new BlobBuilder();
        new BlobEncoder(value).CustomAttributeSignature(out FixedArgumentsEncoder fixedArguments, out CustomAttributeNamedArgumentsEncoder namedArguments);
        fixedArguments.AddArgument().Scalar().Constant(MicrosoftMLCore);
        namedArguments.Count(0);
        metadata.AddCustomAttribute(
            EntityHandle.AssemblyDefinition,
            MetadataTokens.EntityHandle(ignoresAccessChecksTo.MetadataToken),
            metadata.GetOrAddBlob(value));

        var peBuilder = new ManagedPEBuilder(
            PEHeaderBuilder.CreateLibraryHeader(),
            new MetadataRootBuilder(metadata),
            ilStream,
            mappedFieldData);
        var image = new BlobBuilder();
        peBuilder.Serialize(image);
        return image.ToArray();
    }

    private static ConstructorBuilder DefineIgnoresAccessChecksToAttribute(ModuleBuilder module)
    {
        // Internal, so that compiling against the package never clashes with a consumer's own copy.
        TypeBuilder type = module.DefineType("System.Runtime.CompilerServices.IgnoresAccessChecksToAttribute",
            TypeAttributes.NotPublic | TypeAttributes.Sealed | TypeAttributes.Class | TypeAttributes.BeforeFieldInit,
            typeof(Attribute));
        type.SetCustomAttribute(new CustomAttributeBuilder(
            typeof(AttributeUsageAttribute).GetConstructor([typeof(AttributeTargets)])!,
            [AttributeTargets.Assembly],
            [typeof(AttributeUsageAttribute).GetProperty(nameof(AttributeUsageAttribute.AllowMultiple))!],
            [true]));

        FieldBuilder field = type.DefineField("<AssemblyName>k__BackingField", typeof(string),
            FieldAttributes.Private | FieldAttributes.InitOnly);

        ConstructorBuilder ctor = type.DefineConstructor(
            MethodAttributes.Public | MethodAttributes.HideBySig | MethodAttributes.SpecialName | MethodAttributes.RTSpecialName,
            CallingConventions.Standard, [typeof(string)]);
        ctor.DefineParameter(1, ParameterAttributes.None, "assemblyName");
        ILGenerator il = ctor.GetILGenerator();
        il.Emit(OpCodes.Ldarg_0);
        il.Emit(OpCodes.Call, typeof(Attribute).GetConstructor(BindingFlags.Instance | BindingFlags.NonPublic, Type.EmptyTypes)!);
        il.Emit(OpCodes.Ldarg_0);
        il.Emit(OpCodes.Ldarg_1);
        il.Emit(OpCodes.Stfld, field);
        il.Emit(OpCodes.Ret);

        MethodBuilder getter = type.DefineMethod("get_AssemblyName",
            MethodAttributes.Public | MethodAttributes.HideBySig | MethodAttributes.SpecialName,
            typeof(string), Type.EmptyTypes);
        il = getter.GetILGenerator();
        il.Emit(OpCodes.Ldarg_0);
        il.Emit(OpCodes.Ldfld, field);
        il.Emit(OpCodes.Ret);
        type.DefineProperty("AssemblyName", PropertyAttributes.None, typeof(string), Type.EmptyTypes).SetGetMethod(getter);

        type.CreateType();
        return ctor;
    }

    private static TypeBuilder DefineLoaderType(ModuleBuilder module, Type modelLoadContext)
    {
        TypeBuilder type = module.DefineType(ModelLoaderNames.LoaderTypeName,
            TypeAttributes.Public | TypeAttributes.Abstract | TypeAttributes.Sealed | TypeAttributes.Class | TypeAttributes.BeforeFieldInit,
            typeof(object));
        type.SetCustomAttribute(new CustomAttributeBuilder(
            typeof(EditorBrowsableAttribute).GetConstructor([typeof(EditorBrowsableState)])!, [EditorBrowsableState.Never]));

        MethodBuilder create = type.DefineMethod("Create",
            MethodAttributes.Public | MethodAttributes.Static | MethodAttributes.HideBySig,
            typeof(ITransformer), [typeof(IHostEnvironment), modelLoadContext]);
        create.DefineParameter(1, ParameterAttributes.None, "env");
        create.DefineParameter(2, ParameterAttributes.None, "ctx");
        EmitCreateBody(create.GetILGenerator());

        type.CreateType();
        return type;
    }

    private static void EmitCreateBody(ILGenerator il)
    {
        MethodInfo getTypeFromHandle = typeof(Type).GetMethod(nameof(Type.GetTypeFromHandle), [typeof(RuntimeTypeHandle)])!;
        Label found = il.DefineLabel();

        // Type.GetType("...PersistedModelLoader, MLNet.Autoencoders.Transforms", throwOnError: true)
        il.Emit(OpCodes.Ldstr, ModelLoaderNames.PersistedModelLoaderTypeName);
        il.Emit(OpCodes.Ldc_I4_1);
        il.Emit(OpCodes.Call, typeof(Type).GetMethod(nameof(Type.GetType), [typeof(string), typeof(bool)])!);

        // .GetMethod("Load", Public | Static, new[] { typeof(IHostEnvironment), typeof(object) })
        il.Emit(OpCodes.Ldstr, ModelLoaderNames.LoadMethodName);
        il.Emit(OpCodes.Ldc_I4, (int)(BindingFlags.Public | BindingFlags.Static));
        il.Emit(OpCodes.Ldc_I4_2);
        il.Emit(OpCodes.Newarr, typeof(Type));
        il.Emit(OpCodes.Dup);
        il.Emit(OpCodes.Ldc_I4_0);
        il.Emit(OpCodes.Ldtoken, typeof(IHostEnvironment));
        il.Emit(OpCodes.Call, getTypeFromHandle);
        il.Emit(OpCodes.Stelem_Ref);
        il.Emit(OpCodes.Dup);
        il.Emit(OpCodes.Ldc_I4_1);
        il.Emit(OpCodes.Ldtoken, typeof(object));
        il.Emit(OpCodes.Call, getTypeFromHandle);
        il.Emit(OpCodes.Stelem_Ref);
        il.Emit(OpCodes.Callvirt, typeof(Type).GetMethod(nameof(Type.GetMethod), [typeof(string), typeof(BindingFlags), typeof(Type[])])!);

        // if (method == null) throw new MissingMethodException(...)
        il.Emit(OpCodes.Dup);
        il.Emit(OpCodes.Brtrue_S, found);
        il.Emit(OpCodes.Pop);
        il.Emit(OpCodes.Ldstr, string.Create(CultureInfo.InvariantCulture,
            $"{ModelLoaderNames.PersistedModelLoaderTypeName} has no public static {ModelLoaderNames.LoadMethodName}(IHostEnvironment, object). " +
            $"{ModelLoaderNames.AssemblyName}.dll and MLNet.Autoencoders.Transforms.dll come from different builds."));
        il.Emit(OpCodes.Newobj, typeof(MissingMethodException).GetConstructor([typeof(string)])!);
        il.Emit(OpCodes.Throw);

        // return (ITransformer)method.Invoke(null, BindingFlags.DoNotWrapExceptions, null, new object[] { env, ctx }, null);
        il.MarkLabel(found);
        il.Emit(OpCodes.Ldnull);
        il.Emit(OpCodes.Ldc_I4, (int)BindingFlags.DoNotWrapExceptions);
        il.Emit(OpCodes.Ldnull);
        il.Emit(OpCodes.Ldc_I4_2);
        il.Emit(OpCodes.Newarr, typeof(object));
        il.Emit(OpCodes.Dup);
        il.Emit(OpCodes.Ldc_I4_0);
        il.Emit(OpCodes.Ldarg_0);
        il.Emit(OpCodes.Stelem_Ref);
        il.Emit(OpCodes.Dup);
        il.Emit(OpCodes.Ldc_I4_1);
        il.Emit(OpCodes.Ldarg_1);
        il.Emit(OpCodes.Stelem_Ref);
        il.Emit(OpCodes.Ldnull);
        il.Emit(OpCodes.Callvirt, typeof(MethodBase).GetMethod(nameof(MethodBase.Invoke),
            [typeof(object), typeof(BindingFlags), typeof(Binder), typeof(object[]), typeof(CultureInfo)])!);
        il.Emit(OpCodes.Castclass, typeof(ITransformer));
        il.Emit(OpCodes.Ret);
    }

    private static Type RequireType(Assembly assembly, string fullName) =>
        assembly.GetType(fullName, throwOnError: false)
        ?? throw new InvalidOperationException($"{fullName} not found in {assembly.FullName}; ModelLoaderEmitter is written against Microsoft.ML 5.0.1.");
}
