using Microsoft.ML;
using Microsoft.ML.Data;
using MLNet.Autoencoders.ModelLoadCheck;

namespace MLNet.Autoencoders.Tests.Persistence;

/// <summary>DataViewDump (tests/MLNet.Autoencoders.ModelLoadCheck) must tell apart exactly the values that differ in bits.</summary>
[TestClass]
public sealed class DataViewDumpTests
{
    private static readonly MLContext MlContext = new(seed: 1);

    [TestMethod]
    public void ToText_ZeroAndNegativeZero_Differ() =>
        Assert.AreNotEqual(Dump(new FloatRow { Value = 0f }), Dump(new FloatRow { Value = -0f }));

    [TestMethod]
    public void ToText_NeighbouringFloats_Differ() =>
        Assert.AreNotEqual(Dump(new FloatRow { Value = 1f }), Dump(new FloatRow { Value = MathF.BitIncrement(1f) }));

    [TestMethod]
    public void ToText_SparseAndDenseVectorsWithEqualValues_AreEqual()
    {
        var dense = new VectorRow { Values = new VBuffer<float>(4, [0f, 2f, 0f, 0f]) };
        var sparse = new VectorRow { Values = new VBuffer<float>(4, 1, [2f], [1]) };
        Assert.AreEqual(Dump(dense), Dump(sparse));
    }

    [TestMethod]
    public void ToText_TextWithTabsAndNewlines_StaysOnOneLine()
    {
        string dump = Dump(new TextRow { Text = "a\tb\nc\"d" });
        Assert.Contains("\"a\\tb\\nc\\\"d\"", dump);
        Assert.HasCount(3, dump.Split('\n', StringSplitOptions.RemoveEmptyEntries)); // column, row, count
    }

    private static string Dump<T>(T row) where T : class => DataViewDump.ToText(MlContext.Data.LoadFromEnumerable(new[] { row }));

    private sealed class FloatRow
    {
        public float Value { get; set; }
    }

    private sealed class VectorRow
    {
        [VectorType(4)]
        public VBuffer<float> Values { get; set; }
    }

    private sealed class TextRow
    {
        public string Text { get; set; } = "";
    }
}
