using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Runtime;
using MLNet.Autoencoders.Transforms.DataView;
using MLNet.Autoencoders.Transforms.Networks;
using MLNet.Autoencoders.Transforms.Persistence;
using MLNet.Autoencoders.Transforms.Scoring;

namespace MLNet.Autoencoders.Transforms.Supervised;

/// <summary>
/// A fitted supervised autoencoder: an encoder, a decoder and a classifier head on the latent code (plus any auxiliary heads).
/// <see cref="BatchedTransformer.Transform"/> adds, lazily and a batch of rows at a time, ML.NET's multiclass columns
/// (<c>Score</c>, the class probabilities with the classes as slot names, and <c>PredictedLabel</c>, a key with the label's
/// key values), so that <c>mlContext.MulticlassClassification.Evaluate</c> and <c>MapKeyToValue</c> work on the output, then
/// the autoencoder's <c>Latent</c>, <c>Reconstruction</c> and <c>ReconstructionError</c>, then each auxiliary target's
/// columns (see <see cref="AuxiliaryOutput"/>).
/// </summary>
/// <remarks>
/// The transformer owns its TorchSharp modules: dispose it (or the model chain holding it) to release native memory. It is
/// saved and loaded by <c>mlContext.Model.Save</c> and <c>mlContext.Model.Load</c>, classes included. A NaN in a row's input
/// gives NaN scores and the missing key (0) as its predicted label.
/// </remarks>
public sealed class AutoencoderMulticlassTransformer : BatchedTransformer
{
    internal const string PersistenceKind = "AutoencoderMulticlass";
    internal const string WeightsEntry = "Weights.bin";
    private const int FormatVersion = 1;
    /// <summary>The most auxiliary targets a model may hold.</summary>
    internal const int MaxAuxiliaryTargets = 64;
    private readonly SupervisedScorer scorer;

    internal AutoencoderMulticlassTransformer(SupervisedScorer scorer, FeatureScaler scaler, SupervisedColumnNames columns, ClassLabels classes,
        IReadOnlyList<AuxiliaryOutput> auxiliaries, IReadOnlyList<EpochLoss> lossHistory, int scoringBatchSize)
        : base(scoringBatchSize)
    {
        this.scorer = scorer;
        Architecture = scorer.Network.Architecture;
        Classifier = scorer.Classifier.Architecture;
        Scaler = scaler;
        Columns = columns;
        Classes = classes;
        Auxiliaries = auxiliaries;
        LossHistory = lossHistory;
    }

    /// <summary>The names of the feature column and of the output columns (the auxiliary targets' are in <see cref="Auxiliaries"/>).</summary>
    public SupervisedColumnNames Columns { get; }

    /// <summary>The autoencoder network's shape.</summary>
    public NetworkArchitecture Architecture { get; }

    /// <summary>The classifier head's shape.</summary>
    public HeadArchitecture Classifier { get; }

    /// <summary>The classes: their number and the label's key values.</summary>
    public ClassLabels Classes { get; }

    /// <summary>The auxiliary targets' heads and output columns, in the order they were given.</summary>
    public IReadOnlyList<AuxiliaryOutput> Auxiliaries { get; }

    /// <summary>The input scaling learned at fit time (or taken from the pre-trained autoencoder).</summary>
    public FeatureScaler Scaler { get; }

    /// <summary>The training and validation loss of every epoch that ran, with each term (reconstruction, classification, ...).</summary>
    public IReadOnlyList<EpochLoss> LossHistory { get; }

    /// <inheritdoc/>
    public override string ToString() =>
        $"Autoencoder multiclass classifier: {Architecture}, {Classes.Count}-class head {Classifier}" +
        (Auxiliaries.Count == 0 ? "" : $", {Auxiliaries.Count} auxiliary head(s)");

    private protected override (AppendedSchema Schema, RowBatchFactory CreateBatch) Bind(DataViewSchema inputSchema)
    {
        ThrowIfDisposed();
        var schema = SupervisedSchema.Create(inputSchema, Columns, Architecture, Classes, Auxiliaries);
        return (schema.Appended, SupervisedRowBatch.Factory(scorer, schema));
    }

    private protected override void ReleaseModules() => scorer.Dispose();

    private protected override void Save(ModelSaveContext ctx)
    {
        ModelPersistence.Save(ctx, PersistenceKind, FormatVersion, model =>
        {
            var writer = model.Writer;
            Columns.Write(writer);
            NetworkHeader.Write(writer, Architecture, Scaler, ScoringBatchSize);
            LossHistoryFormat.Write(writer, LossHistory);
            Classes.Write(writer);
            Classifier.Write(writer);
            writer.Write(Auxiliaries.Count);
            foreach (var auxiliary in Auxiliaries)
                auxiliary.Write(writer);
            model.WriteBinaryStream(WeightsEntry, w =>
            {
                ModuleWeights.Write(w, scorer.Network);
                ModuleWeights.Write(w, scorer.Classifier);
                foreach (var head in scorer.AuxiliaryHeads)
                    ModuleWeights.Write(w, head);
            });
        });
    }

    internal static AutoencoderMulticlassTransformer Load(IHostEnvironment env, PersistedModelReader model)
    {
        if (model.FormatVersion != FormatVersion)
            throw new InvalidDataException($"The model holds a {PersistenceKind} in format version {model.FormatVersion}; this library reads version {FormatVersion}.");
        var reader = model.Reader;
        var columns = SupervisedColumnNames.Read(reader);
        var (architecture, scaler, batchSize) = NetworkHeader.Read(reader);
        var history = LossHistoryFormat.Read(reader);
        var classes = ClassLabels.Read(reader);
        var classifier = HeadArchitecture.Read(reader, architecture.LatentDimension);
        if (classifier.OutputSize != classes.Count)
            throw new InvalidDataException($"The model's classifier head has {classifier.OutputSize} outputs for {classes.Count} classes.");
        int auxiliaryCount = reader.ReadInt32();
        if (auxiliaryCount is < 0 or > MaxAuxiliaryTargets)
            throw new InvalidDataException($"The model declares {auxiliaryCount} auxiliary targets; expected 0 to {MaxAuxiliaryTargets}.");
        var auxiliaries = Enumerable.Range(0, auxiliaryCount).Select(_ => AuxiliaryOutput.Read(reader, architecture.LatentDimension)).ToArray();

        var modules = new List<TorchSharp.torch.nn.Module>();
        try
        {
            var network = architecture.CreateNetwork();
            modules.Add(network);
            var head = classifier.CreateHead();
            modules.Add(head);
            var heads = auxiliaries.Select(a => a.Head.CreateHead()).ToArray();
            modules.AddRange(heads);
            model.ReadBinaryStream(WeightsEntry, r =>
            {
                foreach (var module in modules)
                    ModuleWeights.Read(r, module, PersistenceKind);
            });
            var scorer = new SupervisedScorer(network, scaler, head, heads, auxiliaries);
            return new AutoencoderMulticlassTransformer(scorer, scaler, columns, classes, auxiliaries, history, batchSize);
        }
        catch
        {
            foreach (var module in modules)
                module.Dispose();
            throw;
        }
    }
}
