using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLNet.Autoencoders.Tests.Reliability;

/// <summary>Data views whose "Features" column is missing or is not what a component reads, for schema-error tests.</summary>
internal static class BadColumns
{
    /// <summary>A feature count no component is fitted on.</summary>
    public const int OtherSize = 9;

    /// <summary>Good rows of <paramref name="component"/>, but in a column named "Other".</summary>
    public static IDataView Renamed(MLContext ml, ReliabilityComponent component) =>
        FeatureRow.Load(ml, component.Rows(3, 7), component.FeatureType, name: "Other");

    /// <summary>Rows with a known-size float vector of <see cref="OtherSize"/> values.</summary>
    public static IDataView OfOtherSize(MLContext ml) =>
        FeatureRow.Load(ml, [new float[OtherSize], new float[OtherSize]], new VectorDataViewType(NumberDataViewType.Single, OtherSize));

    /// <summary>"Features" columns of other types than a known-size vector of Single, shaped like <paramref name="type"/> where they are vectors.</summary>
    public static IEnumerable<IDataView> NotKnownSizeFloatVectors(MLContext ml, VectorDataViewType type)
    {
        yield return ml.Data.LoadFromEnumerable(new[] { new ScalarRow { Features = 1 } });
        yield return ml.Data.LoadFromEnumerable(new[] { new TextRow { Features = "1 2 3" } });
        var doubles = SchemaDefinition.Create(typeof(DoubleRow));
        doubles[nameof(DoubleRow.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Double, type.Dimensions.ToArray());
        yield return ml.Data.LoadFromEnumerable(new[] { new DoubleRow { Features = new double[type.Size] } }, doubles);
        yield return FeatureRow.Load(ml, [new float[type.Size]], new VectorDataViewType(NumberDataViewType.Single));
    }

    private sealed class ScalarRow
    {
        public float Features { get; set; }
    }

    private sealed class TextRow
    {
        public string Features { get; set; } = "";
    }

    private sealed class DoubleRow
    {
        public double[] Features { get; set; } = [];
    }
}
