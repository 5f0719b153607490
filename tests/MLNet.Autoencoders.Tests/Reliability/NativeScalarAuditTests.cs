namespace MLNet.Autoencoders.Tests.Reliability;

[TestClass]
public sealed class NativeScalarAuditTests
{
    private static readonly string[] LibraryAssemblies =
        ["MLNet.Autoencoders.Transforms.dll", "MLNet.Autoencoders.Estimators.dll"];

    [TestMethod]
    public void Library_MakesNoScalarThatCanBeFreedDuringANativeCall()
    {
        var findings = NativeScalarAudit.Find(LibraryAssemblies.Select(name => Path.Combine(AppContext.BaseDirectory, name)));

        Assert.IsEmpty(findings, "Scalars that a GC can free while libtorch reads them:\n" + string.Join("\n", findings));
    }

    [TestMethod]
    public void Audit_FindsTheTemporariesOfTorchSharpsConvenienceOverloads()
    {
        // The audit must be able to fail: this assembly's own Probe methods make exactly the temporaries it looks for.
        var findings = NativeScalarAudit.Find([typeof(NativeScalarAuditTests).Assembly.Location])
            .Where(f => f.Contains(nameof(TemporaryScalarProbe), StringComparison.Ordinal)).ToList();

        Assert.HasCount(4, findings, string.Join("\n", findings));
        StringAssert.Contains(findings.Single(f => f.Contains("::AddEpsilon", StringComparison.Ordinal)), "Tensor.add_(Scalar)");
        StringAssert.Contains(findings.Single(f => f.Contains("::Sum", StringComparison.Ordinal)), "Tensor.op_Addition(Tensor, Tensor)");
        StringAssert.Contains(findings.Single(f => f.Contains("::Scale", StringComparison.Ordinal)), "creates a Scalar");
        StringAssert.Contains(findings.Single(f => f.Contains("::Activation", StringComparison.Ordinal)), "LeakyReLU");
        Assert.IsFalse(findings.Any(f => f.Contains("::HeldScale", StringComparison.Ordinal)), "a Scalar held by a using declaration is safe");
    }
}
