using MLNet.Autoencoders.Examples.Shared;

namespace MLNet.Autoencoders.Tests.Examples;

[TestClass]
public sealed class ClusterMetricsTests
{
    [TestMethod]
    public void NmiAndPurity_ForSameLabelingUnderOtherNames_AreOne()
    {
        string[] species = ["Adelie", "Adelie", "Gentoo", "Chinstrap", "Gentoo", "Chinstrap", "Adelie"];
        uint[] clusters = [3, 3, 1, 2, 1, 2, 3];

        Assert.AreEqual(1.0, ClusterMetrics.NormalizedMutualInformation(species, clusters), 1e-12);
        Assert.AreEqual(1.0, ClusterMetrics.Purity(species, clusters), 1e-12);
    }

    [TestMethod]
    public void Nmi_ForIndependentLabelingsOfManyItems_IsNearZero()
    {
        var random = new Random(42);
        int[] classes = [.. Enumerable.Range(0, 20_000).Select(_ => random.Next(3))];
        int[] clusters = [.. Enumerable.Range(0, 20_000).Select(_ => random.Next(4))];

        double nmi = ClusterMetrics.NormalizedMutualInformation(classes, clusters);

        Assert.IsLessThan(0.005, nmi);
        Assert.IsGreaterThanOrEqualTo(0.0, nmi);
    }

    [TestMethod]
    public void NmiAndPurity_ForSmallTable_MatchHandComputedValues()
    {
        // Contingency table: class a -> {cluster 1: 2, cluster 2: 1}, class b -> {cluster 2: 3}.
        // MI = 1/3 ln 2 + 1/6 ln(1/2) + 1/2 ln(3/2) = 0.318257 nats; H(classes) = ln 2 = 0.693147;
        // H(clusters) = -(1/3 ln 1/3 + 2/3 ln 2/3) = 0.636514; NMI = MI / mean of the two = 0.478704.
        // Purity: cluster 1 is all a (2), cluster 2 is mostly b (3) -> 5/6.
        char[] classes = ['a', 'a', 'a', 'b', 'b', 'b'];
        int[] clusters = [1, 1, 2, 2, 2, 2];

        Assert.AreEqual(0.478704, ClusterMetrics.NormalizedMutualInformation(classes, clusters), 1e-6);
        Assert.AreEqual(5.0 / 6.0, ClusterMetrics.Purity(classes, clusters), 1e-12);
    }

    [TestMethod]
    public void Nmi_WhenOneLabelingHasASingleGroup_IsZero()
    {
        // scikit-learn's documented example: normalized_mutual_info_score([0, 0, 0, 0], [0, 1, 2, 3]) == 0.
        Assert.AreEqual(0.0, ClusterMetrics.NormalizedMutualInformation(new[] { 0, 0, 0, 0 }, new[] { 0, 1, 2, 3 }));
    }

    [TestMethod]
    public void Nmi_WithDifferentLengths_ThrowsWithBothCounts()
    {
        var error = Assert.ThrowsExactly<ArgumentException>(
            () => ClusterMetrics.NormalizedMutualInformation(new[] { 1, 2, 3 }, new[] { 1, 2 }));

        StringAssert.Contains(error.Message, "got 3 classes and 2 clusters");
    }
}
