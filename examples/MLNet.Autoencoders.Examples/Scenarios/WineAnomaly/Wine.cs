using Microsoft.ML.Data;

namespace MLNet.Autoencoders.Examples.Scenarios.WineAnomaly;

/// <summary>One row of <c>wine-anomaly.csv</c>: the 13 chemical measurements of a wine and whether it is a planted outlier.</summary>
internal sealed class Wine
{
    /// <summary>The measurement columns, in file order; the pipeline concatenates them into "Features".</summary>
    public static readonly string[] Measurements =
    [
        nameof(Alcohol), nameof(MalicAcid), nameof(Ash), nameof(AshAlcalinity), nameof(Magnesium), nameof(TotalPhenols),
        nameof(Flavanoids), nameof(NonflavanoidPhenols), nameof(Proanthocyanins), nameof(ColorIntensity), nameof(Hue),
        nameof(OD280OD315), nameof(Proline),
    ];

    [LoadColumn(0)] public float Alcohol { get; set; }
    [LoadColumn(1)] public float MalicAcid { get; set; }
    [LoadColumn(2)] public float Ash { get; set; }
    [LoadColumn(3)] public float AshAlcalinity { get; set; }
    [LoadColumn(4)] public float Magnesium { get; set; }
    [LoadColumn(5)] public float TotalPhenols { get; set; }
    [LoadColumn(6)] public float Flavanoids { get; set; }
    [LoadColumn(7)] public float NonflavanoidPhenols { get; set; }
    [LoadColumn(8)] public float Proanthocyanins { get; set; }
    [LoadColumn(9)] public float ColorIntensity { get; set; }
    [LoadColumn(10)] public float Hue { get; set; }
    [LoadColumn(11)] public float OD280OD315 { get; set; }
    [LoadColumn(12)] public float Proline { get; set; }

    /// <summary>1 for one of the 10 planted outliers (UCI class 1), 0 for an inlier (classes 2 and 3): the Single label Evaluate reads.</summary>
    [LoadColumn(13)] public float Label { get; set; }
}
