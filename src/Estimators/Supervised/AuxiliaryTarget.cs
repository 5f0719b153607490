namespace MLNet.Autoencoders.Estimators;

/// <summary>
/// A second target an <see cref="AutoencoderMulticlassTrainer"/> learns from the same latent code (multi-task learning), with a
/// head and a loss term of its own: a key-typed column (another classification, e.g. a coarse class; cross-entropy) or a
/// <see cref="float"/> column (a regression, e.g. an angle; mean squared error of the standardised value). A row whose
/// target is missing (key 0, or NaN) adds nothing to this target's term.
/// </summary>
public sealed class AuxiliaryTarget
{
    /// <summary>The target column: a key of known count (at least 2 values) or a <see cref="float"/>. Required.</summary>
    public string ColumnName { get; set; } = "";

    /// <summary>The weight of this target's loss term. Default is 1.</summary>
    public float Weight { get; set; } = AutoencoderMulticlassDefaults.AuxiliaryWeight;

    /// <summary>
    /// The output column: for a key target the class probabilities (vector of <see cref="float"/>, slot names from the key values),
    /// for a <see cref="float"/> target the predicted value in the target's units. Default is <see langword="null"/>: <see cref="ColumnName"/> + "Score".
    /// </summary>
    public string? ScoreColumnName { get; set; }

    /// <summary>
    /// The predicted key column of a key target (ignored for a <see cref="float"/> target). Default is <see langword="null"/>:
    /// <see cref="ColumnName"/> + "PredictedLabel".
    /// </summary>
    public string? PredictedLabelColumnName { get; set; }

    /// <summary>The score column name in effect.</summary>
    internal string ScoreColumn => ScoreColumnName ?? ColumnName + "Score";

    /// <summary>The predicted-label column name in effect.</summary>
    internal string PredictedLabelColumn => PredictedLabelColumnName ?? ColumnName + "PredictedLabel";

    internal AuxiliaryTarget Copy() => (AuxiliaryTarget)MemberwiseClone();
}
