using MLNet.Autoencoders.Transforms.Networks;
using MLNet.Autoencoders.Transforms.Scoring;
using static TorchSharp.torch;

namespace MLNet.Autoencoders.Transforms.AnomalyDetection;

/// <summary>
/// One or more autoencoders of the same shape, trained on the same scaled data from different seeds,
/// and the scaling they share. Scores rows by how badly the ensemble reconstructs them, in the scaled space.
/// Owns its networks.
/// </summary>
internal sealed class ReconstructionEnsemble : IDisposable
{
    private readonly AutoencoderNetwork[] members;
    private bool disposed;

    /// <summary>Takes ownership of <paramref name="members"/>, which must share one architecture.</summary>
    public ReconstructionEnsemble(IReadOnlyList<AutoencoderNetwork> members, FeatureScaler scaler)
    {
        if (members.Count == 0)
            throw new ArgumentException("An ensemble needs at least one network.", nameof(members));
        Architecture = members[0].Architecture;
        if (members.Any(m => m.Architecture.ToString() != Architecture.ToString()))
            throw new ArgumentException("Every network of an ensemble must have the same architecture.", nameof(members));
        if (scaler.FeatureCount != Architecture.InputSize)
            throw new ArgumentException($"The scaler has {scaler.FeatureCount} features, but the networks expect {Architecture.InputSize}.", nameof(scaler));
        this.members = members.ToArray();
        Scaler = scaler;
        foreach (var member in this.members)
            member.eval();
    }

    public NetworkArchitecture Architecture { get; }

    public FeatureScaler Scaler { get; }

    public int InputSize => Architecture.InputSize;

    public IReadOnlyList<AutoencoderNetwork> Members => members;

    /// <summary>
    /// Scores <paramref name="rows"/> rows of <paramref name="scaled"/> (row-major, already scaled by <see cref="Scaler"/>).
    /// For each row and feature, <paramref name="featureErrors"/> receives the squared difference between the scaled input
    /// and each member's reconstruction, averaged over the members; <paramref name="scores"/> receives the mean of a row's
    /// feature errors. A row holding NaN gets NaN errors and a NaN score.
    /// </summary>
    public void ScoreScaled(ReadOnlySpan<float> scaled, int rows, Span<float> featureErrors, Span<float> scores)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        if (rows == 0)
            return;
        int size = InputSize;
        var errors = featureErrors[..(rows * size)];
        errors.Clear();

        using (NewDisposeScope())
        using (no_grad())
        {
            var x = TensorMemory.FromSpan(scaled, rows, size);
            var reconstruction = new float[rows * size];
            foreach (var member in members)
            {
                TensorMemory.CopyTo(member.forward(x), reconstruction);
                for (int i = 0; i < errors.Length; i++)
                {
                    float difference = scaled[i] - reconstruction[i];
                    errors[i] += difference * difference;
                }
            }
        }

        float perMember = 1f / members.Length;
        for (int row = 0; row < rows; row++)
        {
            var rowErrors = errors.Slice(row * size, size);
            double sum = 0;
            for (int j = 0; j < size; j++)
            {
                rowErrors[j] *= perMember;
                sum += rowErrors[j];
            }
            scores[row] = (float)(sum / size);
        }
    }

    /// <summary>A copy with its own networks (same weights), which the caller owns.</summary>
    public ReconstructionEnsemble Clone()
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        var copies = new List<AutoencoderNetwork>(members.Length);
        try
        {
            foreach (var member in members)
            {
                var copy = Architecture.CreateNetwork();
                copies.Add(copy);
                using var noGrad = no_grad();
                var parameters = member.named_parameters().ToDictionary(p => p.name, p => p.parameter);
                foreach (var (name, parameter) in copy.named_parameters())
                    parameter.copy_(parameters[name]);
                var buffers = member.named_buffers().ToDictionary(b => b.name, b => b.buffer);
                foreach (var (name, buffer) in copy.named_buffers())
                    buffer.copy_(buffers[name]);
            }
            return new ReconstructionEnsemble(copies, Scaler);
        }
        catch
        {
            foreach (var copy in copies)
                copy.Dispose();
            throw;
        }
    }

    /// <summary>Releases the networks' native tensors; later calls to <see cref="ScoreScaled"/> throw <see cref="ObjectDisposedException"/>.</summary>
    public void Dispose()
    {
        if (disposed)
            return;
        disposed = true;
        foreach (var member in members)
            member.Dispose();
    }
}
