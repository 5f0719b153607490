using System.Globalization;
using Microsoft.ML.Runtime;
using MLNet.Autoencoders.Estimators.Training;
using MLNet.Autoencoders.Transforms.Networks;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MLNet.Autoencoders.Estimators.Clustering;

/// <summary>
/// The clustering term of IDEC (Guo et al. 2017) on the shared training loop: the cluster centres are trainable
/// parameters; each batch adds γ KL(P‖Q), where Q is the Student-t soft assignment (one degree of freedom) of the batch's
/// codes to the centres and P the sharpened target q² / f (f = the soft cluster sizes), normalised per row. P is
/// recomputed over every training row each <c>TargetUpdateInterval</c> epochs and looked up per batch by row index;
/// training stops at an update when fewer than <c>Tolerance</c> of the rows changed cluster.
/// </summary>
internal sealed class IdecObjective : ITrainingObjective, IDisposable
{
    /// <summary>The name of the clustering term in <see cref="Transforms.EpochLoss.TrainingTerms"/>.</summary>
    public const string ClusteringTerm = "clustering";

    private readonly Parameter centres;
    private readonly TrainingMatrix data;
    private readonly double weight;
    private readonly int updateInterval;
    private readonly double tolerance;
    private readonly IChannel channel;
    private long[] assignments;
    private Tensor? target;

    /// <param name="initialCentres">The k-means centres, k x <paramref name="latentDimension"/>, row-major.</param>
    /// <param name="latentDimension">The size of the codes.</param>
    /// <param name="initialAssignments">The k-means assignment of every row of <paramref name="data"/>, the first update's reference.</param>
    /// <param name="data">The scaled training rows, indexed by <see cref="TrainingBatch.Rows"/>.</param>
    /// <param name="weight">γ.</param>
    /// <param name="updateInterval">Every how many epochs P is recomputed.</param>
    /// <param name="tolerance">The fraction of changed assignments below which training stops.</param>
    /// <param name="channel">Where the convergence is reported.</param>
    public IdecObjective(float[] initialCentres, int latentDimension, int[] initialAssignments, TrainingMatrix data,
        double weight, int updateInterval, double tolerance, IChannel channel)
    {
        centres = new Parameter(tensor(initialCentres, [initialCentres.Length / latentDimension, latentDimension]));
        this.data = data;
        this.weight = weight;
        this.updateInterval = updateInterval;
        this.tolerance = tolerance;
        this.channel = channel;
        assignments = initialAssignments.Select(a => (long)a).ToArray();
    }

    public IEnumerable<Parameter> Parameters => [centres];

    /// <summary>The fraction of rows whose cluster changed at the last target update.</summary>
    public double ChangedAssignments { get; private set; } = double.NaN;

    /// <summary>The centres as trained so far, k x latent, row-major.</summary>
    public float[] Centres()
    {
        using var noGrad = no_grad();
        return centres.data<float>().ToArray();
    }

    public bool BeginEpoch(int epoch, AutoencoderNetwork network)
    {
        if ((epoch - 1) % updateInterval != 0)
            return true;
        using var q = LatentCodes.Map(network, data, SoftAssignment);
        var next = ArgMax(q);
        int changed = 0;
        for (int i = 0; i < next.Length; i++)
            changed += next[i] != assignments[i] ? 1 : 0;
        assignments = next;
        ChangedAssignments = (double)changed / next.Length;
        if (epoch > 1 && ChangedAssignments < tolerance)
        {
            channel.Info(MessageSensitivity.None, string.Create(CultureInfo.InvariantCulture,
                $"Autoencoder clustering: converged before epoch {epoch}: {ChangedAssignments:P3} of assignments changed, below the tolerance {tolerance:P3}."));
            return false;
        }
        target?.Dispose();
        target = Sharpened(q);
        return true;
    }

    public IReadOnlyDictionary<string, Tensor> Terms(ForwardPass pass, TrainingBatch batch)
    {
        var q = SoftAssignment(pass.Latent);
        var p = target!.index_select(0, batch.Rows);
        using Scalar tiny = 1e-12;
        using Scalar gamma = weight;
        // KL(P || Q) per row, averaged over the batch (Keras' kld, as IDEC trains it).
        var kl = p.mul(p.clamp_min(tiny).log().sub(q.clamp_min(tiny).log())).sum(1).mean();
        return new Dictionary<string, Tensor> { [ClusteringTerm] = kl.mul(gamma) };
    }

    /// <summary>Q: q_ij = (1 + ‖z_i - μ_j‖²)^-1, normalised over j.</summary>
    private Tensor SoftAssignment(Tensor latent)
    {
        var difference = latent.unsqueeze(1).sub(centres.unsqueeze(0));
        var kernel = difference.mul(difference).sum(2).add(NativeScalars.One, NativeScalars.One).reciprocal();
        return kernel.div(kernel.sum(1, keepdim: true));
    }

    /// <summary>P: p_ij = (q_ij² / f_j) / sum_j' (q_ij'² / f_j'), with f_j = sum_i q_ij.</summary>
    private static Tensor Sharpened(Tensor q)
    {
        using var scope = NewDisposeScope();
        var weighted = q.mul(q).div(q.sum(0, keepdim: true));
        return weighted.div(weighted.sum(1, keepdim: true)).DetachFromDisposeScope();
    }

    private static long[] ArgMax(Tensor q)
    {
        using var indices = q.argmax(1);
        return indices.data<long>().ToArray();
    }

    public void Dispose()
    {
        target?.Dispose();
        centres.Dispose();
    }
}
