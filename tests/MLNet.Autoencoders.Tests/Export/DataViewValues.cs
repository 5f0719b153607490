using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLNet.Autoencoders.Tests.Export;

/// <summary>Reads a column of any type the exported components produce, one value per row: float, bool or float[].</summary>
internal static class DataViewValues
{
    public static object[] Read(IDataView data, string column)
    {
        var type = data.Schema[column].Type;
        return type switch
        {
            VectorDataViewType { ItemType: BooleanDataViewType } => data.GetColumn<VBuffer<bool>>(column).Select(v => (object)v.DenseValues().Single()).ToArray(),
            VectorDataViewType => data.GetColumn<VBuffer<float>>(column).Select(v => (object)v.DenseValues().ToArray()).ToArray(),
            BooleanDataViewType => data.GetColumn<bool>(column).Select(v => (object)v).ToArray(),
            _ when type == NumberDataViewType.Single => data.GetColumn<float>(column).Select(v => (object)v).ToArray(),
            _ => throw new InvalidOperationException($"Column '{column}' has the unexpected type {type}."),
        };
    }
}
