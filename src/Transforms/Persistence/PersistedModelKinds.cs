using System.Collections.Frozen;
using Microsoft.ML;
using Microsoft.ML.Runtime;

namespace MLNet.Autoencoders.Transforms.Persistence;

/// <summary>
/// Every component kind this version can load, keyed by the kind string its save code passes to
/// <see cref="ModelPersistence.Save"/>. All kinds share one ML.NET loader signature, so adding a kind
/// here is all a new transformer needs; the emitted loader assembly never changes.
/// </summary>
internal static class PersistedModelKinds
{
    /// <summary>Kind → loader. A kind missing here fails with "Model file holds ... of kind 'X' that this version does not know".</summary>
    internal static readonly IReadOnlyDictionary<string, Func<IHostEnvironment, PersistedModelReader, ITransformer>> Loaders =
        new Dictionary<string, Func<IHostEnvironment, PersistedModelReader, ITransformer>>(StringComparer.Ordinal)
        {
            [AutoencoderTransformer.PersistenceKind] = AutoencoderTransformer.Load,
            [AutoencoderDecoderTransformer.PersistenceKind] = AutoencoderDecoderTransformer.Load,
            [AnomalyDetection.AutoencoderAnomalyTransformer.PersistenceKind] = AnomalyDetection.AutoencoderAnomalyTransformer.Load,
            [Supervised.AutoencoderMulticlassTransformer.PersistenceKind] = Supervised.AutoencoderMulticlassTransformer.Load,
            [Clustering.AutoencoderClusteringTransformer.PersistenceKind] = Clustering.AutoencoderClusteringTransformer.Load,
        }.ToFrozenDictionary(StringComparer.Ordinal);
}
