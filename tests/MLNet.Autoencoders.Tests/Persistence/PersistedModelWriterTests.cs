using MLNet.Autoencoders.Transforms.Persistence;

namespace MLNet.Autoencoders.Tests.Persistence;

[TestClass]
public sealed class PersistedModelWriterTests
{
    [TestMethod]
    [DataRow("Model.key")]
    [DataRow("model.BIN")]
    public void WriteBinaryStream_NameReservedByMlNet_ThrowsArgumentException(string name)
    {
        PersistedModelWriter writer = CreateWriter(new List<string>());

        var exception = Assert.ThrowsExactly<ArgumentException>(() => writer.WriteBinaryStream(name, _ => { }));

        Assert.Contains("reserved by ML.NET", exception.Message);
    }

    [TestMethod]
    public void WriteBinaryStream_SameNameTwice_ThrowsInvalidOperationException()
    {
        var written = new List<string>();
        PersistedModelWriter writer = CreateWriter(written);
        writer.WriteBinaryStream("Weights.bin", _ => { });

        Assert.ThrowsExactly<InvalidOperationException>(() => writer.WriteBinaryStream("Weights.bin", _ => { }));
        CollectionAssert.AreEqual(new[] { "Weights.bin" }, written);
    }

    private static PersistedModelWriter CreateWriter(List<string> written) =>
        new(new BinaryWriter(Stream.Null), "Kind", 1, (name, _) => written.Add(name));
}
