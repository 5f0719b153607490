namespace MLNet.Autoencoders.Transforms.Persistence;

/// <summary>
/// The names that tie a saved model to the code that loads it. This file is compiled into both the
/// Transforms assembly and build/ModelLoaderEmitter, so the loader assembly emitted at build time and the
/// model headers written by <c>ModelPersistence</c> cannot disagree.
/// </summary>
/// <remarks>
/// Changing any of these values makes models saved by earlier versions unloadable.
/// </remarks>
internal static class ModelLoaderNames
{
    /// <summary>Simple name of the emitted loader assembly; ML.NET passes it to <c>Assembly.Load</c>.</summary>
    public const string AssemblyName = "MLNet.Autoencoders.ModelLoader";

    /// <summary>Full name of the public static class in the loader assembly that holds <c>Create</c>.</summary>
    public const string LoaderTypeName = "MLNet.Autoencoders.ModelLoading.AutoencoderModelLoader";

    /// <summary>
    /// The ML.NET loader signature (load name) written into every model header we save. ML.NET stores it
    /// in 24 bytes, so it must be at most 24 ASCII characters.
    /// </summary>
    public const string LoaderSignature = "MLNetAutoencodersModel";

    /// <summary>The user-facing name ML.NET shows for the loadable class.</summary>
    public const string LoaderUserName = "MLNet.Autoencoders model";

    /// <summary>Assembly-qualified name of the type the emitted <c>Create</c> calls, late-bound.</summary>
    public const string PersistedModelLoaderTypeName =
        "MLNet.Autoencoders.Transforms.Persistence.PersistedModelLoader, MLNet.Autoencoders.Transforms";

    /// <summary>Name of the public static method on that type: <c>Load(IHostEnvironment, object)</c>.</summary>
    public const string LoadMethodName = "Load";
}
