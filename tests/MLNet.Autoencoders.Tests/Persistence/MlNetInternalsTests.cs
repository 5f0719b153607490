using System.Reflection;
using Microsoft.ML;
using Microsoft.ML.Data;
using MLNet.Autoencoders.Transforms.Persistence;

namespace MLNet.Autoencoders.Tests.Persistence;

[TestClass]
public sealed class MlNetInternalsTests
{
    [TestMethod]
    public void VerifyBindings_ResolvesEveryInternalMember() => MlNetInternals.VerifyBindings();

    [TestMethod]
    public void MicrosoftML_LoadedVersion_Is501()
    {
        foreach (Assembly assembly in new[] { typeof(ModelSaveContext).Assembly, typeof(MLContext).Assembly })
        {
            string? informational = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
            string version = informational?.Split('+')[0] ?? "unknown";
            Assert.AreEqual("5.0.1", version,
                $"MlNetInternals is verified against Microsoft.ML 5.0.1 only, but {assembly.GetName().Name} is {informational}. " +
                "Re-check every member in src/Transforms/Persistence/MlNetInternals.cs before moving the pin.");
        }
        Assert.AreEqual("5.0.1", MlNetInternals.MicrosoftMLVersion);
    }

    [TestMethod]
    public void CreateSchemaShape_HoldsTheRequestedColumns()
    {
        SchemaShape annotations = MlNetInternals.CreateSchemaShape(
            [MlNetInternals.CreateColumn("SlotNames", SchemaShape.Column.VectorKind.Vector, TextDataViewType.Instance, isKey: false)]);

        SchemaShape shape = MlNetInternals.CreateSchemaShape(
        [
            MlNetInternals.CreateColumn("Latent", SchemaShape.Column.VectorKind.Vector, NumberDataViewType.Single, isKey: false),
            MlNetInternals.CreateColumn("Reconstruction", SchemaShape.Column.VectorKind.VariableVector, NumberDataViewType.Double, isKey: false, annotations),
            MlNetInternals.CreateColumn("Cluster", SchemaShape.Column.VectorKind.Scalar, NumberDataViewType.UInt32, isKey: true),
        ]);

        Assert.HasCount(3, shape);
        Assert.AreEqual("Latent", shape[0].Name);
        Assert.AreEqual(SchemaShape.Column.VectorKind.Vector, shape[0].Kind);
        Assert.AreEqual(NumberDataViewType.Single, shape[0].ItemType);
        Assert.IsFalse(shape[0].IsKey);
        Assert.AreEqual(SchemaShape.Column.VectorKind.VariableVector, shape[1].Kind);
        Assert.AreEqual(NumberDataViewType.Double, shape[1].ItemType);
        Assert.AreEqual("SlotNames", shape[1].Annotations.Single().Name);
        Assert.AreEqual(SchemaShape.Column.VectorKind.Scalar, shape[2].Kind);
        Assert.IsTrue(shape[2].IsKey);
        Assert.IsEmpty(shape[2].Annotations);
    }

    [TestMethod]
    public void GetEnvironment_OfTransformsCatalog_ReturnsTheContextsEnvironment()
    {
        var mlContext = new MLContext(seed: 1);
        Microsoft.ML.Runtime.IHostEnvironment environment = MlNetInternals.GetEnvironment(mlContext.Transforms);
        Assert.AreSame(environment, MlNetInternals.GetEnvironment(mlContext.Transforms));
        Assert.AreSame(mlContext.ComponentCatalog, environment.ComponentCatalog);
    }

    [TestMethod]
    public void GetEnvironment_OfSomethingElse_ThrowsArgumentException() =>
        Assert.ThrowsExactly<ArgumentException>(() => MlNetInternals.GetEnvironment(new object()));

    [TestMethod]
    public void CheckAtModel_WithSomethingElseThanALoadContext_ThrowsArgumentException()
    {
        var exception = Assert.ThrowsExactly<ArgumentException>(() => MlNetInternals.CheckAtModel("not a context", ModelFormat.Current));
        Assert.Contains("ModelLoadContext", exception.Message);
    }
}
