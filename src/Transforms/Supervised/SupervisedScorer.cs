using System.Runtime.InteropServices;
using MLNet.Autoencoders.Transforms.Networks;
using MLNet.Autoencoders.Transforms.Scoring;
using static TorchSharp.torch;

namespace MLNet.Autoencoders.Transforms.Supervised;

/// <summary>
/// Scores batches of rows with a supervised autoencoder: the autoencoder's outputs (<see cref="AutoencoderScorer"/>), then
/// every head on the latent codes in one more forward pass: class probabilities (softmax of the logits) for the label and
/// key-typed auxiliary targets, the value in the target's units for a <see cref="float"/> target.
/// </summary>
internal sealed class SupervisedScorer : IDisposable
{
    private readonly AutoencoderScorer autoencoder;
    private readonly PredictionHead classifier;
    private readonly PredictionHead[] auxiliaryHeads;
    private readonly IReadOnlyList<AuxiliaryOutput> auxiliaries;
    private bool disposed;

    /// <summary>Takes ownership of the network and the heads.</summary>
    public SupervisedScorer(AutoencoderNetwork network, FeatureScaler scaler, PredictionHead classifier,
        IReadOnlyList<PredictionHead> auxiliaryHeads, IReadOnlyList<AuxiliaryOutput> auxiliaries)
    {
        autoencoder = new AutoencoderScorer(network, scaler);
        this.classifier = classifier;
        this.auxiliaryHeads = auxiliaryHeads.ToArray();
        this.auxiliaries = auxiliaries;
        classifier.eval();
        foreach (var head in auxiliaryHeads)
            head.eval();
    }

    public AutoencoderNetwork Network => autoencoder.Network;

    public PredictionHead Classifier => classifier;

    public IReadOnlyList<PredictionHead> AuxiliaryHeads => auxiliaryHeads;

    public int InputSize => autoencoder.InputSize;

    public int ClassCount => classifier.Architecture.OutputSize;

    public SupervisedBatch CreateBatch(int capacity) =>
        new(autoencoder.CreateBatch(capacity), ClassCount, auxiliaries.Select(a => a.Width).ToArray());

    /// <summary>Fills every output of the first <c>Autoencoder.Count</c> rows of <paramref name="batch"/>; a row with NaN input gets NaN outputs.</summary>
    public void Score(SupervisedBatch batch)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        var rows = batch.Autoencoder;
        autoencoder.Score(rows);
        int count = rows.Count;
        if (count == 0)
            return;
        try
        {
            using var scope = NewDisposeScope();
            using var noGrad = no_grad();
            var latent = TensorMemory.FromSpan(rows.Latent.AsSpan(0, count * rows.LatentDimension), count, rows.LatentDimension);
            TensorMemory.CopyTo(classifier.forward(latent).softmax(1), batch.Probabilities.AsSpan(0, count * ClassCount));
            for (int i = 0; i < auxiliaryHeads.Length; i++)
            {
                var output = auxiliaryHeads[i].forward(latent);
                var values = batch.AuxiliaryValues[i].AsSpan(0, count * auxiliaries[i].Width);
                TensorMemory.CopyTo(auxiliaries[i].IsClassification ? output.softmax(1) : output, values);
                if (!auxiliaries[i].IsClassification)
                {
                    foreach (ref float value in values)
                        value = value * auxiliaries[i].StandardDeviation + auxiliaries[i].Mean;
                }
            }
        }
        catch (ExternalException native)
        {
            throw LibTorchFailure.Wrap(native, $"Scoring the prediction heads on a batch of {count} rows");
        }
    }

    public void Dispose()
    {
        if (disposed)
            return;
        disposed = true;
        autoencoder.Dispose();
        classifier.Dispose();
        foreach (var head in auxiliaryHeads)
            head.Dispose();
    }
}
