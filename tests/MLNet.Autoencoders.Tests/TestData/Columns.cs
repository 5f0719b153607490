using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLNet.Autoencoders.Tests.TestData;

/// <summary>Reads whole columns of a data view for assertions.</summary>
public static class Columns
{
    public static float[][] Vectors(IDataView data, string name) =>
        data.GetColumn<VBuffer<float>>(name).Select(v => v.DenseValues().ToArray()).ToArray();

    public static float[] Floats(IDataView data, string name) => data.GetColumn<float>(name).ToArray();
}
