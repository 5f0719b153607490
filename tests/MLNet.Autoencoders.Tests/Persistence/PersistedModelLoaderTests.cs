using Microsoft.ML;
using Microsoft.ML.Runtime;
using MLNet.Autoencoders.ModelLoadCheck;
using MLNet.Autoencoders.Transforms.Persistence;

namespace MLNet.Autoencoders.Tests.Persistence;

[TestClass]
public sealed class PersistedModelLoaderTests
{
    private const string CorruptPrefix = "The model file is corrupt: ";

    private static readonly IReadOnlyDictionary<string, Func<IHostEnvironment, PersistedModelReader, ITransformer>> ScaleByConstantTable =
        new Dictionary<string, Func<IHostEnvironment, PersistedModelReader, ITransformer>>
        {
            [ScaleByConstantTransformer.Kind] = ScaleByConstantTransformer.Load,
        };

    private static readonly MLContext Env = new(seed: 1);

    [TestMethod]
    public void Load_KindInTable_GivesATransformerWithIdenticalOutput()
    {
        var original = new ScaleByConstantTransformer("X", 2.5f);
        InMemoryModel saved = SaveScaleByConstant(original);

        var loaded = (ScaleByConstantTransformer)saved.Load(Env, ScaleByConstantTable);

        IDataView data = PersistenceTestData.Create(Env);
        Assert.AreEqual("X", loaded.ColumnName);
        Assert.AreEqual(DataViewDump.ToText(original.Transform(data)), DataViewDump.ToText(loaded.Transform(data)));
    }

    [TestMethod]
    public void Load_UnknownKind_ThrowsNamingTheKindAndTheKnownOnes()
    {
        InMemoryModel saved = SaveScaleByConstant(new ScaleByConstantTransformer("X", 2f));
        var table = new Dictionary<string, Func<IHostEnvironment, PersistedModelReader, ITransformer>>
        {
            ["Beta"] = ScaleByConstantTransformer.Load,
            ["Alpha"] = ScaleByConstantTransformer.Load,
        };

        var exception = Assert.ThrowsExactly<InvalidDataException>(() => saved.Load(Env, table));

        Assert.AreEqual("Model file holds an MLNet.Autoencoders component of kind 'ScaleByConstant' that this version does not know. Known kinds: Alpha, Beta.",
            exception.Message);
    }

    [TestMethod]
    public void Load_ProductTableWithoutTheKind_SaysKnownKinds()
    {
        InMemoryModel saved = SaveScaleByConstant(new ScaleByConstantTransformer("X", 2f));

        var exception = Assert.ThrowsExactly<InvalidDataException>(() => saved.Load(Env, PersistedModelKinds.Loaders));

        string known = PersistedModelKinds.Loaders.Count == 0 ? "none" : string.Join(", ", PersistedModelKinds.Loaders.Keys.Order(StringComparer.Ordinal));
        Assert.EndsWith($"Known kinds: {known}.", exception.Message);
    }

    [TestMethod]
    public void Load_MainStreamCutShortAtAnyByte_ThrowsCorruptModelFile()
    {
        InMemoryModel saved = SaveScaleByConstant(new ScaleByConstantTransformer("Feature", 2f));

        for (int length = 0; length < saved.Main.Length; length++)
        {
            InMemoryModel cut = saved with { Main = saved.Main[..length] };
            var exception = Assert.ThrowsExactly<InvalidDataException>(() => cut.Load(Env, ScaleByConstantTable), $"cut to {length} bytes");
            Assert.StartsWith(CorruptPrefix, exception.Message, $"cut to {length} bytes");
        }
    }

    [TestMethod]
    public void Load_MainStreamCutAfterTheKind_NamesTheComponent()
    {
        InMemoryModel saved = SaveScaleByConstant(new ScaleByConstantTransformer("Feature", 2f));
        // Kind (1 + 15 bytes) and version (4), the main block's length (4) and hash (32), then one byte of its payload.
        InMemoryModel cut = saved with { Main = saved.Main[..(16 + 4 + 4 + 32 + 1)] };

        var exception = Assert.ThrowsExactly<InvalidDataException>(() => cut.Load(Env, ScaleByConstantTable));

        Assert.StartsWith(CorruptPrefix + "the main stream of the MLNet.Autoencoders component 'ScaleByConstant' is cut short", exception.Message);
    }

    [TestMethod]
    public void Load_GarbageMainStream_ThrowsCorruptModelFile()
    {
        var random = new Random(7);
        for (int trial = 0; trial < 200; trial++)
        {
            byte[] garbage = new byte[random.Next(0, 64)];
            random.NextBytes(garbage);
            var model = new InMemoryModel(garbage, new Dictionary<string, byte[]>());
            var exception = Assert.Throws<InvalidDataException>(() => model.Load(Env, ScaleByConstantTable), $"trial {trial}");
            Assert.IsTrue(exception.Message.StartsWith(CorruptPrefix, StringComparison.Ordinal) || exception.Message.StartsWith("Model file holds", StringComparison.Ordinal),
                $"trial {trial}: {exception.Message}");
        }
    }

    [TestMethod]
    public void Load_EntryCutShort_NamesTheEntryAndTheComponent()
    {
        InMemoryModel saved = SaveScaleByConstant(new ScaleByConstantTransformer("X", 2f));
        InMemoryModel cut = saved.WithEntry(ScaleByConstantTransformer.FactorEntry, [0x00, 0x01]);

        var exception = Assert.ThrowsExactly<InvalidDataException>(() => cut.Load(Env, ScaleByConstantTable));

        Assert.AreEqual(CorruptPrefix + "Could not read the entry 'Factor.bin' of the MLNet.Autoencoders component 'ScaleByConstant'. The data ends early.",
            exception.Message);
    }

    [TestMethod]
    public void Load_EntryMissing_NamesTheEntryAndTheComponent()
    {
        InMemoryModel saved = SaveScaleByConstant(new ScaleByConstantTransformer("X", 2f)).WithoutEntry(ScaleByConstantTransformer.FactorEntry);

        var exception = Assert.ThrowsExactly<InvalidDataException>(() => saved.Load(Env, ScaleByConstantTable));

        Assert.AreEqual(CorruptPrefix + "the MLNet.Autoencoders component 'ScaleByConstant' needs the entry 'Factor.bin', which is missing.", exception.Message);
    }

    [TestMethod]
    public void Load_PayloadLongerThanTheLoaderReads_ThrowsCorruptModelFile()
    {
        var original = new ScaleByConstantTransformer("X", 2f);
        InMemoryModel saved = InMemoryModel.Save(ScaleByConstantTransformer.Kind, 1, model =>
        {
            original.Write(model);
            model.Writer.Write(12345); // a field this loader version does not read
        });

        var exception = Assert.ThrowsExactly<InvalidDataException>(() => saved.Load(Env, ScaleByConstantTable));

        Assert.AreEqual(CorruptPrefix + "the main stream of the MLNet.Autoencoders component 'ScaleByConstant' holds 4 bytes more than its component read.", exception.Message);
    }

    [TestMethod]
    public void Load_LoaderWithABug_IsNotReportedAsCorruption()
    {
        InMemoryModel saved = SaveScaleByConstant(new ScaleByConstantTransformer("X", 2f));
        var table = new Dictionary<string, Func<IHostEnvironment, PersistedModelReader, ITransformer>>
        {
            [ScaleByConstantTransformer.Kind] = (_, _) => throw new NullReferenceException("bug"),
        };

        Assert.ThrowsExactly<NullReferenceException>(() => saved.Load(Env, table));
    }

    private static InMemoryModel SaveScaleByConstant(ScaleByConstantTransformer transformer) =>
        InMemoryModel.Save(ScaleByConstantTransformer.Kind, 1, transformer.Write);
}
