using MLNet.Autoencoders.Transforms.Networks;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MLNet.Autoencoders.Estimators.Training;

/// <summary>
/// What a trainer other than a plain autoencoder adds to the shared training loop (<see cref="AutoencoderTrainer"/>):
/// loss terms beyond reconstruction that need per-row information (a classifier's labels, a clustering target
/// distribution), the parameters of the heads that compute them, and a hook before every epoch. The loop still owns
/// batching, shuffling, the optimiser, validation, early stopping, progress and cancellation.
/// </summary>
internal interface ITrainingObjective
{
    /// <summary>Trainable parameters outside the autoencoder network (a classifier head, cluster centres); the optimiser updates them too.</summary>
    IEnumerable<Parameter> Parameters { get; }

    /// <summary>
    /// Called before each epoch (1-based) with the network as trained so far, e.g. to refresh a target computed over every
    /// training row. Returns <see langword="false"/> to end training before this epoch (converged); the objective reports why.
    /// </summary>
    bool BeginEpoch(int epoch, AutoencoderNetwork network);

    /// <summary>
    /// The objective's loss terms for one batch, by name, each a scalar tensor already weighted; they are added to the
    /// reconstruction term and reported per epoch in <see cref="Transforms.EpochLoss.TrainingTerms"/>.
    /// </summary>
    IReadOnlyDictionary<string, Tensor> Terms(ForwardPass pass, TrainingBatch batch);

    /// <summary>
    /// The objective's loss on the validation rows, by name, each a scalar tensor; <paramref name="batch"/>'s
    /// <see cref="TrainingBatch.Rows"/> name the rows as in training, and <paramref name="pass"/> is deterministic (the
    /// network in evaluation mode, a variational network's posterior means). When it returns any term, their sum replaces
    /// the reconstruction error as the validation loss that early stopping watches (a classifier stops on its held-out
    /// cross-entropy); empty (the default) keeps the reconstruction error.
    /// </summary>
    IReadOnlyDictionary<string, Tensor> ValidationTerms(ForwardPass pass, TrainingBatch batch) => new Dictionary<string, Tensor>();
}
