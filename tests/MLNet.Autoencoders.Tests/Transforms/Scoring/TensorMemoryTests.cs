using MLNet.Autoencoders.Transforms.Scoring;
using static TorchSharp.torch;

namespace MLNet.Autoencoders.Tests.Transforms.Scoring;

[TestClass]
public sealed class TensorMemoryTests
{
    [TestMethod]
    public void FromSpan_ThenCopyTo_GivesTheValuesBackInRowMajorOrder()
    {
        float[] values = [1, 2, 3, 4, 5, 6, 99];   // the extra value is not part of the 2 x 3 tensor
        using var scope = NewDisposeScope();
        var matrix = TensorMemory.FromSpan(values, 2, 3);
        var back = new float[6];
        TensorMemory.CopyTo(matrix, back);

        CollectionAssert.AreEqual(new long[] { 2, 3 }, matrix.shape);
        Assert.AreEqual(5f, matrix[1, 1].item<float>());
        CollectionAssert.AreEqual(values[..6], back);
    }

    [TestMethod]
    public void CopyTo_NonContiguousView_CopiesInLogicalOrder()
    {
        using var scope = NewDisposeScope();
        var transposed = TensorMemory.FromSpan([1f, 2, 3, 4, 5, 6], 2, 3).t();   // [[1, 4], [2, 5], [3, 6]]
        var values = new float[6];
        TensorMemory.CopyTo(transposed, values);

        CollectionAssert.AreEqual(new[] { 1f, 4, 2, 5, 3, 6 }, values);
    }

    [TestMethod]
    public void CopyTo_TensorOfAnotherType_Throws()
    {
        using var scope = NewDisposeScope();
        var integers = zeros([2, 2], ScalarType.Int32);

        var error = Assert.ThrowsExactly<InvalidOperationException>(() => TensorMemory.CopyTo(integers, new float[4]));
        StringAssert.Contains(error.Message, "Int32");
    }
}
