using Microsoft.ML;
using Microsoft.ML.Data;
using MLNet.Autoencoders.Examples.Shared;

namespace MLNet.Autoencoders.Benchmarks;

/// <summary>
/// ML.NET's PCA at rank 64 as a quality baseline. ML.NET keeps the eigenvectors internal, so the
/// reconstruction is the least-squares map from the projected coordinates back to the pixels, fitted on
/// the training rows (for an orthogonal projection that is exactly PCA's reconstruction), then applied
/// to the test rows.
/// </summary>
internal static class PcaBaseline
{
    public static double TestMeanSquaredError(MLContext ml, IDataView train, IDataView test, int rank)
    {
        var pca = ml.Transforms.ProjectToPrincipalComponents("Projected", "Features", rank: rank, seed: 1).Fit(train);
        var (trainCodes, trainPixels) = Read(pca.Transform(train));
        var (testCodes, testPixels) = Read(pca.Transform(test));
        return LinearReconstruction.MeanSquaredError(LinearReconstruction.Fit(trainCodes, trainPixels), testCodes, testPixels);
    }

    private static (float[][] Codes, float[][] Pixels) Read(IDataView data) =>
        (data.GetColumn<VBuffer<float>>("Projected").Select(v => v.DenseValues().ToArray()).ToArray(),
         data.GetColumn<VBuffer<float>>("Features").Select(v => v.DenseValues().ToArray()).ToArray());
}
