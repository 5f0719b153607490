using System.Runtime.InteropServices;
using MLNet.Autoencoders.Transforms;

namespace MLNet.Autoencoders.Tests.Reliability;

[TestClass]
public sealed class LibTorchFailureTests
{
    [TestMethod]
    public void Wrap_NativeError_SaysWhatTheLibraryWasDoingAndKeepsTheNativeTextInside()
    {
        string native = "Expected false to be true, but got false.  (Could this error message be improved?)\n" +
            "Exception raised from toFloat at /pytorch/c10/core/Scalar.h:140\n" + new string('x', 2000);
        var inner = new ExternalException(native);

        var wrapped = LibTorchFailure.Wrap(inner, "Training 6-12-2-12-6 (Relu), epoch 3, batch 17");

        StringAssert.StartsWith(wrapped.Message, "Training 6-12-2-12-6 (Relu), epoch 3, batch 17: libtorch failed (Expected false to be true");
        Assert.DoesNotContain("Scalar.h", wrapped.Message, "only the native message's first line");
        Assert.IsLessThan(600, wrapped.Message.Length);
        Assert.AreSame(inner, wrapped.InnerException);
    }
}
