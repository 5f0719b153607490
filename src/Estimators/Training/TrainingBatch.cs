using static TorchSharp.torch;

namespace MLNet.Autoencoders.Estimators.Training;

/// <summary>
/// One batch of training rows as a batch source reads it, in scaled units; its tensors live in the training loop's
/// per-batch dispose scope.
/// </summary>
/// <param name="Clean">The rows, [rows, features].</param>
/// <param name="Observed">1 where an entry was observed, 0 where it was missing, [rows, features]; <see langword="null"/> without missing values.</param>
/// <param name="Rows">
/// Which rows these are, Int64 [rows]: indices into the training matrix when it is materialised, the rows' positions in the
/// data view when it is streamed. A <see cref="ITrainingObjective"/> looks up per-row targets (labels, target distributions) with them.
/// </param>
/// <param name="Target">The rows' paired targets, [rows, target features], when the network maps its input to another column; <see langword="null"/> otherwise (the target is <paramref name="Clean"/>).</param>
internal sealed record TrainingBatch(Tensor Clean, Tensor? Observed, Tensor Rows, Tensor? Target = null);
