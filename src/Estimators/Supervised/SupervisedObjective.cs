using MLNet.Autoencoders.Estimators.Training;
using MLNet.Autoencoders.Transforms.Networks;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MLNet.Autoencoders.Estimators;

/// <summary>
/// The supervised autoencoder's part of the shared training loop: a head per target on the latent code, each adding its
/// masked loss (cross-entropy over the labelled rows of the batch, or squared error over the rows with a value) to the
/// weighted reconstruction term; on the validation rows, the same losses are what early stopping watches.
/// </summary>
internal sealed class SupervisedObjective : ITrainingObjective
{
    private readonly IReadOnlyList<HeadTarget> heads;

    /// <param name="heads">The heads and their targets, the classifier first; the caller keeps ownership.</param>
    public SupervisedObjective(IReadOnlyList<HeadTarget> heads)
    {
        this.heads = heads;
    }

    public IEnumerable<Parameter> Parameters => heads.SelectMany(h => h.Head.parameters());

    public bool BeginEpoch(int epoch, AutoencoderNetwork network)
    {
        foreach (var target in heads)
            target.Head.train();
        return true;
    }

    public IReadOnlyDictionary<string, Tensor> Terms(ForwardPass pass, TrainingBatch batch)
    {
        var terms = new Dictionary<string, Tensor>();
        foreach (var target in heads)
            terms[target.Term] = target.Loss(pass.Latent, batch.Rows) ?? zeros(Array.Empty<long>());
        return terms;
    }

    public IReadOnlyDictionary<string, Tensor> ValidationTerms(ForwardPass pass, TrainingBatch batch)
    {
        var terms = new Dictionary<string, Tensor>();
        foreach (var target in heads)
        {
            target.Head.eval();
            if (target.Loss(pass.Latent, batch.Rows) is { } loss)
                terms[target.Term] = loss;
        }
        return terms;
    }
}
