using MLNet.Autoencoders.Transforms.Networks;
using TorchSharp;
using MLNet.Autoencoders.Transforms.Supervised;
using static TorchSharp.torch;

namespace MLNet.Autoencoders.Estimators;

/// <summary>
/// One head being trained and the per-row targets it learns, indexed like the training matrix: class indices (Int64,
/// -1 for an unlabelled row) with a masked cross-entropy, or standardised values (Float32, NaN where missing) with a masked
/// mean squared error. Rows without a target are dropped from the batch before the loss, so they contribute exactly nothing.
/// </summary>
internal sealed class HeadTarget : IDisposable
{
    private readonly Tensor targets;
    private readonly Tensor? classWeights;
    private readonly Scalar weight;

    private HeadTarget(string term, PredictionHead head, Tensor targets, Tensor? classWeights, double weight)
    {
        Term = term;
        Head = head;
        this.targets = targets;
        this.classWeights = classWeights;
        this.weight = weight;
    }

    /// <summary>The loss term's name in the epoch reports.</summary>
    public string Term { get; }

    public PredictionHead Head { get; }

    /// <summary>A classification target: <paramref name="classes"/> holds each row's class index, -1 when unlabelled.</summary>
    public static HeadTarget Classes(string term, PredictionHead head, int[] classes, float[]? classWeights, double weight) =>
        new(term, head, tensor(classes.Select(c => (long)c).ToArray(), ScalarType.Int64).DetachFromDisposeScope(),
            classWeights is null ? null : tensor(classWeights).DetachFromDisposeScope(), weight);

    /// <summary>A regression target: <paramref name="standardised"/> holds each row's value in standard units, NaN when missing.</summary>
    public static HeadTarget Values(string term, PredictionHead head, float[] standardised, double weight) =>
        new(term, head, tensor(standardised).DetachFromDisposeScope(), null, weight);

    /// <summary>
    /// The weighted loss of the head on the latent codes of the rows <paramref name="rows"/> names, over the rows that have a
    /// target; <see langword="null"/> when none has.
    /// </summary>
    public Tensor? Loss(Tensor latent, Tensor rows)
    {
        var batchTargets = targets.index_select(0, rows);
        bool isClassification = batchTargets.dtype == ScalarType.Int64;
        var present = isClassification ? batchTargets.ge(NativeScalars.Zero) : batchTargets.isnan().logical_not();
        var kept = present.nonzero().squeeze(1);
        if (kept.shape[0] == 0)
            return null;
        var outputs = Head.forward(latent.index_select(0, kept));
        var wanted = batchTargets.index_select(0, kept);
        var loss = isClassification
            ? nn.functional.cross_entropy(outputs, wanted, weight: classWeights)
            : nn.functional.mse_loss(outputs.squeeze(1), wanted);
        return loss.mul(weight);
    }

    /// <summary>Releases the targets; the head is not disposed (the fitted transformer owns it).</summary>
    public void Dispose()
    {
        targets.Dispose();
        classWeights?.Dispose();
        weight.Dispose();
    }
}
