using MLNet.Autoencoders.ModelLoading;

namespace MLNet.Autoencoders.Transforms.Persistence;

/// <summary>
/// What ML.NET records in the header of every model entry we save, and checks when loading it:
/// an 8-character model signature, three header-format versions, the loader signature that leads
/// ML.NET to our emitted loader, and that loader's assembly name.
/// </summary>
/// <remarks>
/// The versions describe the framing written by <see cref="PayloadFraming"/>, not a component's payload;
/// each component versions its own payload with <see cref="PersistedModelWriter.FormatVersion"/>.
/// ML.NET refuses a model whose readable version is above <see cref="VerWrittenCur"/> ("model is too new")
/// or whose written version is below <see cref="VerWeCanReadBack"/> ("model is too old").
/// </remarks>
internal sealed class ModelFormat
{
    /// <summary>The format this version of the library writes and reads.</summary>
    public static ModelFormat Current { get; } = new(
        modelSignature: "MLNETAEM",
        verWrittenCur: 0x00010001,
        verReadableCur: 0x00010001,
        verWeCanReadBack: 0x00010001,
        loaderSignature: ModelLoaderNames.LoaderSignature,
        // typeof() makes MLNet.Autoencoders.Transforms reference the loader assembly in metadata, so every
        // project that references Transforms copies it and lists it in its deps.json.
        loaderAssemblyName: typeof(AutoencoderModelLoader).Assembly.GetName().Name!);

    internal ModelFormat(string modelSignature, uint verWrittenCur, uint verReadableCur, uint verWeCanReadBack,
        string loaderSignature, string loaderAssemblyName)
    {
        // ML.NET packs the model signature into 8 bytes and the loader signature into 24; both must be 8-bit characters.
        if (modelSignature.Length != 8 || !IsLatin1(modelSignature))
            throw new ArgumentException($"A model signature must be 8 Latin-1 characters. Got '{modelSignature}'.", nameof(modelSignature));
        if (loaderSignature.Length is 0 or > 24 || !IsLatin1(loaderSignature))
            throw new ArgumentException($"A loader signature must be 1 to 24 Latin-1 characters. Got '{loaderSignature}'.", nameof(loaderSignature));
        if (verReadableCur > verWrittenCur || verWeCanReadBack > verWrittenCur)
            throw new ArgumentOutOfRangeException(nameof(verReadableCur), "Readable and read-back versions cannot exceed the written version.");
        ArgumentException.ThrowIfNullOrEmpty(loaderAssemblyName);

        ModelSignature = modelSignature;
        VerWrittenCur = verWrittenCur;
        VerReadableCur = verReadableCur;
        VerWeCanReadBack = verWeCanReadBack;
        LoaderSignature = loaderSignature;
        LoaderAssemblyName = loaderAssemblyName;
    }

    /// <summary>Eight characters identifying the model block's format.</summary>
    public string ModelSignature { get; }

    /// <summary>The header-format version this code writes.</summary>
    public uint VerWrittenCur { get; }

    /// <summary>The oldest reader version able to read what this code writes.</summary>
    public uint VerReadableCur { get; }

    /// <summary>The oldest written version this code can read.</summary>
    public uint VerWeCanReadBack { get; }

    /// <summary>The load name ML.NET looks up in its component catalog.</summary>
    public string LoaderSignature { get; }

    /// <summary>The simple name of the assembly ML.NET loads to find that load name.</summary>
    public string LoaderAssemblyName { get; }

    private static bool IsLatin1(string value) => value.All(c => c <= 0xFF);
}
