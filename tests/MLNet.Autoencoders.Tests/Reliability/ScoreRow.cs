using Microsoft.ML.Data;

namespace MLNet.Autoencoders.Tests.Reliability;

/// <summary>A PredictionEngine output holding a component's per-row score and its vector output, whatever their column names.</summary>
public sealed class ScoreRow
{
    public float Score { get; set; }

    public float[] Vector { get; set; } = [];

    /// <summary>Maps <see cref="Score"/> and <see cref="Vector"/> to <paramref name="component"/>'s columns.</summary>
    internal static SchemaDefinition Definition(ReliabilityComponent component)
    {
        var definition = SchemaDefinition.Create(typeof(ScoreRow), SchemaDefinition.Direction.Write);
        definition[nameof(Score)].ColumnName = component.ScoreColumn;
        definition[nameof(Vector)].ColumnName = component.VectorColumn;
        return definition;
    }
}
