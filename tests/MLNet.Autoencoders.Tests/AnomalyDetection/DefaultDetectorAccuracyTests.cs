using Microsoft.ML;
using MLNet.Autoencoders.Estimators.AnomalyDetection;

namespace MLNet.Autoencoders.Tests.AnomalyDetection;

/// <summary>
/// What a user gets from <c>ml.AnomalyDetection.Trainers.Autoencoder()</c> with no options: AUC floors on planted outliers
/// and on heavy-tailed, mixed-scale data, where version 0.2's defaults (reconstruction error alone, a 1-unit code for 9
/// features) fall below the floor.
/// </summary>
[TestClass]
public sealed class DefaultDetectorAccuracyTests
{
    private const double Floor = 0.9;

    [TestMethod]
    public void DefaultOptions_OnPlantedOutliers_AucAboveFloor()
    {
        var ml = new MLContext(seed: 1);
        var data = PlantedOutlierData.Load(ml, inliers: 300, outliers: 15);
        double auc = Auc(ml, data, new AutoencoderAnomalyOptions());
        Assert.IsGreaterThan(Floor, auc, $"AUC {auc:F3}");
    }

    [TestMethod]
    [DataRow(1)]
    [DataRow(2)]
    public void DefaultOptions_OnHeavyTailedMixedScaleData_AucAboveFloor_WhereVersion02DefaultsFallBelow(int seed)
    {
        var ml = new MLContext(seed);
        var data = HeavyTailedMixedScaleData.Load(ml, rows: 2000, outliers: 60, seed);

        double auc = Auc(ml, data, new AutoencoderAnomalyOptions());
        double version02 = Auc(ml, data, new AutoencoderAnomalyOptions { NumberOfNeighbors = 0, LatentDimension = 1 });

        Assert.IsGreaterThan(Floor, auc, $"default AUC {auc:F3}");
        Assert.IsLessThan(Floor, version02, $"version 0.2 defaults AUC {version02:F3}: the data no longer tells the defaults apart");
    }

    private static double Auc(MLContext ml, IDataView data, AutoencoderAnomalyOptions options)
    {
        options.Seed = 1;
        using var detector = ml.AnomalyDetection.Trainers.Autoencoder(options).Fit(data);
        return ml.AnomalyDetection.Evaluate(detector.Transform(data)).AreaUnderRocCurve;
    }
}
