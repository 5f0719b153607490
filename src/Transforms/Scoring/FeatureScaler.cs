using System.Numerics.Tensors;

namespace MLNet.Autoencoders.Transforms.Scoring;

/// <summary>
/// A per-feature affine map learned at fit time, <c>scaled = (x - Offset) * Scale</c>, kept in the model
/// so that scoring uses the training statistics and reconstructions return to the input's units.
/// </summary>
public sealed class FeatureScaler
{
    private readonly float[] offset;
    private readonly float[] scale;

    // Set on the kind code a model file stores when missing-value fill values follow the scale factors.
    private const int HasMissingValueFillFlag = 1 << 16;
    private readonly float[]? missingValueFill;

    private FeatureScaler(InputScaling kind, float[] offset, float[] scale, float[]? missingValueFill = null)
    {
        Kind = kind;
        this.offset = offset;
        this.scale = scale;
        this.missingValueFill = missingValueFill;
    }

    /// <summary>The kind of scaling.</summary>
    public InputScaling Kind { get; }

    /// <summary>The number of features.</summary>
    public int FeatureCount => offset.Length;

    /// <summary>The value subtracted from each feature.</summary>
    public IReadOnlyList<float> Offset => offset;

    /// <summary>The factor each centred feature is multiplied by.</summary>
    public IReadOnlyList<float> Scale => scale;

    /// <summary>
    /// The value, in the input's units, that replaces a missing (NaN) input before scaling: each feature's mean over
    /// its observed training values. <see langword="null"/> when the model was fitted without treating NaN as missing.
    /// </summary>
    public IReadOnlyList<float>? MissingValueFill => missingValueFill;

    /// <summary>
    /// Learns the statistics of <paramref name="kind"/> from <paramref name="rows"/>, a row-major
    /// matrix of <paramref name="rowCount"/> rows with <paramref name="featureCount"/> values each, finite or
    /// NaN (missing: skipped). Sums are accumulated in double so that magnitudes up to float's range are handled.
    /// </summary>
    public static FeatureScaler Fit(InputScaling kind, ReadOnlySpan<float> rows, int rowCount, int featureCount)
    {
        var offset = new float[featureCount];
        var scale = new float[featureCount];
        Array.Fill(scale, 1f);
        if (kind == InputScaling.None || rowCount == 0)
            return new FeatureScaler(kind, offset, scale);
        if (kind == InputScaling.GlobalMinMax)
            return Global(kind, GlobalMinimumAndMaximum(rows), featureCount);

        for (int j = 0; j < featureCount; j++)
        {
            var (center, spread) = kind == InputScaling.Standardize
                ? MeanAndStandardDeviation(rows, rowCount, featureCount, j)
                : MinimumAndRange(rows, rowCount, featureCount, j);
            offset[j] = double.IsNaN(center) ? 0f : (float)center;
            scale[j] = ScaleFor(spread);
        }
        return new FeatureScaler(kind, offset, scale);
    }

    /// <summary>
    /// The scaler of <paramref name="kind"/> from statistics accumulated elsewhere (e.g. over streamed rows), with the same rule
    /// as <see cref="Fit"/>: <paramref name="center"/> is each feature's mean (<see cref="InputScaling.Standardize"/>) or minimum
    /// (<see cref="InputScaling.MinMax"/>, <see cref="InputScaling.GlobalMinMax"/>), NaN when the feature had no value;
    /// <paramref name="spread"/> its standard deviation or range. <see cref="InputScaling.GlobalMinMax"/> spans all the features' ranges.
    /// </summary>
    internal static FeatureScaler FromStatistics(InputScaling kind, ReadOnlySpan<double> center, ReadOnlySpan<double> spread)
    {
        var offset = new float[center.Length];
        var scale = new float[center.Length];
        Array.Fill(scale, 1f);
        if (kind == InputScaling.None)
            return new FeatureScaler(kind, offset, scale);
        if (kind == InputScaling.GlobalMinMax)
        {
            double minimum = double.PositiveInfinity, maximum = double.NegativeInfinity;
            for (int j = 0; j < center.Length; j++)
            {
                if (double.IsNaN(center[j]))
                    continue;
                minimum = Math.Min(minimum, center[j]);
                maximum = Math.Max(maximum, center[j] + spread[j]);
            }
            return Global(kind, (minimum, maximum), center.Length);
        }
        for (int j = 0; j < center.Length; j++)
        {
            offset[j] = double.IsNaN(center[j]) ? 0f : (float)center[j];
            scale[j] = ScaleFor(spread[j]);
        }
        return new FeatureScaler(kind, offset, scale);
    }

    /// <summary>One offset and one factor for every feature, from the smallest and largest value of all (infinite when there was none).</summary>
    private static FeatureScaler Global(InputScaling kind, (double Minimum, double Maximum) range, int featureCount)
    {
        double spread = range.Maximum - range.Minimum;
        var offset = new float[featureCount];
        var scale = new float[featureCount];
        Array.Fill(offset, double.IsFinite(range.Minimum) ? (float)range.Minimum : 0f);
        Array.Fill(scale, ScaleFor(spread));
        return new FeatureScaler(kind, offset, scale);
    }

    /// <summary>
    /// The factor 1 / <paramref name="spread"/>, or 1 (the feature is only shifted, like a constant one) when the spread is zero
    /// or too small for its inverse to be a float: a spread below about 3e-39 (subnormal inputs, e.g. values around 1e-40)
    /// would give an infinite factor and a NaN loss, and a model file that cannot be read back.
    /// </summary>
    private static float ScaleFor(double spread)
    {
        float factor = (float)(1.0 / spread);
        return spread > 0 && float.IsFinite(factor) ? factor : 1f;
    }

    /// <summary>The smallest and largest non-NaN value of <paramref name="values"/>; infinities of the wrong sign when there is none.</summary>
    private static (double Minimum, double Maximum) GlobalMinimumAndMaximum(ReadOnlySpan<float> values)
    {
        float minimum = float.PositiveInfinity, maximum = float.NegativeInfinity;
        foreach (float value in values)
        {
            if (value < minimum)
                minimum = value;
            if (value > maximum)
                maximum = value;
        }
        return (minimum, maximum);
    }

    /// <summary>
    /// The mean of each feature over its non-NaN values in <paramref name="rows"/> (row-major, <paramref name="featureCount"/>
    /// values per row), NaN for a feature with no such value.
    /// </summary>
    internal static float[] ObservedMeans(ReadOnlySpan<float> rows, int rowCount, int featureCount)
    {
        var means = new float[featureCount];
        for (int j = 0; j < featureCount; j++)
            means[j] = (float)MeanAndStandardDeviation(rows, rowCount, featureCount, j).Mean;
        return means;
    }

    /// <summary>This scaler, with <paramref name="fill"/> (finite, one value per feature, in the input's units) as its <see cref="MissingValueFill"/>.</summary>
    internal FeatureScaler WithMissingValueFill(float[] fill)
    {
        if (fill.Length != FeatureCount || fill.Any(v => !float.IsFinite(v)))
            throw new ArgumentException($"Expected {FeatureCount} finite fill values.", nameof(fill));
        return new FeatureScaler(Kind, offset, scale, fill);
    }

    /// <summary>
    /// Replaces each NaN of <paramref name="values"/> (in the input's units; its length a multiple of <see cref="FeatureCount"/>)
    /// by its feature's <see cref="MissingValueFill"/>. Does nothing when there is no fill.
    /// </summary>
    internal void FillMissing(Span<float> values)
    {
        if (missingValueFill is null)
            return;
        for (int i = 0; i < values.Length; i++)
        {
            if (float.IsNaN(values[i]))
                values[i] = missingValueFill[i % missingValueFill.Length];
        }
    }

    /// <summary>Scales <paramref name="values"/> in place; its length is a multiple of <see cref="FeatureCount"/>.</summary>
    public void Apply(Span<float> values)
    {
        if (Kind == InputScaling.None)
            return;
        for (int start = 0; start < values.Length; start += offset.Length)
        {
            var row = values.Slice(start, offset.Length);
            TensorPrimitives.Subtract(row, offset, row);
            TensorPrimitives.Multiply(row, scale, row);
        }
    }

    /// <summary>Undoes <see cref="Apply"/> in place.</summary>
    public void Invert(Span<float> values)
    {
        if (Kind == InputScaling.None)
            return;
        for (int start = 0; start < values.Length; start += offset.Length)
        {
            var row = values.Slice(start, offset.Length);
            TensorPrimitives.Divide(row, scale, row);
            TensorPrimitives.Add(row, offset, row);
        }
    }

    internal void Write(BinaryWriter writer)
    {
        writer.Write((int)Kind | (missingValueFill is null ? 0 : HasMissingValueFillFlag));
        writer.Write(offset.Length);
        foreach (float value in offset)
            writer.Write(value);
        foreach (float value in scale)
            writer.Write(value);
        foreach (float value in missingValueFill ?? [])
            writer.Write(value);
    }

    internal static FeatureScaler Read(BinaryReader reader, int expectedFeatureCount)
    {
        int code = reader.ReadInt32();
        bool hasFill = (code & HasMissingValueFillFlag) != 0;
        int kind = code & ~HasMissingValueFillFlag;
        if (!Enum.IsDefined(typeof(InputScaling), kind))
            throw new InvalidDataException($"The model's input scaling code {kind} is not a known {nameof(InputScaling)}.");
        int count = reader.ReadInt32();
        if (count != expectedFeatureCount)
            throw new InvalidDataException($"The model's scaler has {count} features, but its network expects {expectedFeatureCount}.");
        var offset = ReadFinite(reader, count, "offset");
        var scale = ReadFinite(reader, count, "scale");
        if (scale.Any(s => s == 0))
            throw new InvalidDataException("The model's scaler has a zero scale factor.");
        var fill = hasFill ? ReadFinite(reader, count, "missing-value fill") : null;
        return new FeatureScaler((InputScaling)kind, offset, scale, fill);
    }

    private static float[] ReadFinite(BinaryReader reader, int count, string what)
    {
        var values = new float[count];
        for (int i = 0; i < count; i++)
        {
            values[i] = reader.ReadSingle();
            if (!float.IsFinite(values[i]))
                throw new InvalidDataException($"The model's scaler {what} for feature {i} is {values[i]}.");
        }
        return values;
    }

    private static (double Mean, double StandardDeviation) MeanAndStandardDeviation(ReadOnlySpan<float> rows, int rowCount, int featureCount, int feature)
    {
        double mean = 0, m2 = 0;
        int observed = 0;
        for (int i = 0; i < rowCount; i++)
        {
            // Welford's update: stable for large magnitudes and large row counts. NaN (missing) is skipped.
            double x = rows[i * featureCount + feature];
            if (double.IsNaN(x))
                continue;
            observed++;
            double delta = x - mean;
            mean += delta / observed;
            m2 += delta * (x - mean);
        }
        return observed == 0 ? (double.NaN, 0) : (mean, Math.Sqrt(m2 / observed));
    }

    private static (double Minimum, double Range) MinimumAndRange(ReadOnlySpan<float> rows, int rowCount, int featureCount, int feature)
    {
        double min = double.PositiveInfinity, max = double.NegativeInfinity;
        for (int i = 0; i < rowCount; i++)
        {
            double x = rows[i * featureCount + feature];
            if (double.IsNaN(x))
                continue;
            min = Math.Min(min, x);
            max = Math.Max(max, x);
        }
        return double.IsFinite(min) ? (min, max - min) : (double.NaN, 0);
    }
}
