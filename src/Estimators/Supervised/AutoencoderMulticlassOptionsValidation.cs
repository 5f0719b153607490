using MLNet.Autoencoders.Transforms;

namespace MLNet.Autoencoders.Estimators;

/// <summary>Checks <see cref="AutoencoderMulticlassOptions"/> once, up front, with the option's name, the rule and the bad value.</summary>
internal static class AutoencoderMulticlassOptionsValidation
{
    public static void Validate(AutoencoderMulticlassOptions options)
    {
        AutoencoderOptionsValidation.ValidateCommon(options);
        if (options.TreatNaNAsMissing)
            throw new ArgumentOutOfRangeException(nameof(options.TreatNaNAsMissing), true,
                $"'{nameof(options.TreatNaNAsMissing)}' is not supported by the multiclass autoencoder trainer. Replace missing values first (mlContext.Transforms.ReplaceMissingValues). Got True.");
        if (options.DataMode == TrainingDataMode.Streaming)
            throw new ArgumentOutOfRangeException(nameof(options.DataMode), options.DataMode,
                $"'{nameof(options.DataMode)}' must be {TrainingDataMode.Auto} or {TrainingDataMode.InMemory}: the multiclass autoencoder trainer reads its rows into memory (labels are looked up by row). Got {options.DataMode}.");
        AutoencoderOptionsValidation.RequireName(options.LabelColumnName, nameof(options.LabelColumnName));
        AutoencoderOptionsValidation.RequireName(options.ScoreColumnName, nameof(options.ScoreColumnName));
        AutoencoderOptionsValidation.RequireName(options.PredictedLabelColumnName, nameof(options.PredictedLabelColumnName));
        AutoencoderOptionsValidation.RequireLayers(options.HiddenLayers, nameof(options.HiddenLayers));
        AutoencoderOptionsValidation.RequireLayers(options.DecoderHiddenLayers, nameof(options.DecoderHiddenLayers));
        if (options.HeadHiddenLayers is null)
            throw new ArgumentNullException(nameof(options.HeadHiddenLayers), $"'{nameof(options.HeadHiddenLayers)}' must hold the head's hidden layer sizes (empty for a linear head). Got null.");
        AutoencoderOptionsValidation.RequireLayers(options.HeadHiddenLayers, nameof(options.HeadHiddenLayers));
        AutoencoderOptionsValidation.RequireDefined(options.Activation, nameof(options.Activation));
        AutoencoderOptionsValidation.RequireDefined(options.OutputActivation, nameof(options.OutputActivation));
        if (options.ImageShape is not null)
            ConvolutionalAutoencoderOptionsValidation.Validate(options.ConvolutionalShape());
        RequireWeight(options.ReconstructionWeight, nameof(options.ReconstructionWeight), allowZero: true);
        RequireWeight(options.ClassificationWeight, nameof(options.ClassificationWeight), allowZero: true);
        if (options.ClassificationWeight == 0 && options.AuxiliaryTargets is { Count: 0 })
            throw new ArgumentOutOfRangeException(nameof(options.ClassificationWeight), 0f,
                $"'{nameof(options.ClassificationWeight)}' must be positive unless there are auxiliary targets to train instead. Got 0.");
        if (options.ClassWeights is { } classWeights)
        {
            for (int i = 0; i < classWeights.Length; i++)
            {
                if (!(classWeights[i] > 0) || !float.IsFinite(classWeights[i]))
                    throw new ArgumentOutOfRangeException(nameof(options.ClassWeights), classWeights[i],
                        $"'{nameof(options.ClassWeights)}' must hold positive finite weights. Got {classWeights[i]} at index {i}.");
            }
        }
        if (options.FreezeEncoder && options.PretrainedAutoencoder is null)
            throw new ArgumentException($"'{nameof(options.FreezeEncoder)}' needs '{nameof(options.PretrainedAutoencoder)}': there is no trained encoder to keep fixed.", nameof(options));
        ValidateAuxiliaryTargets(options);
    }

    private static void ValidateAuxiliaryTargets(AutoencoderMulticlassOptions options)
    {
        if (options.AuxiliaryTargets is null)
            throw new ArgumentNullException(nameof(options.AuxiliaryTargets), $"'{nameof(options.AuxiliaryTargets)}' must be a list (empty for none). Got null.");
        if (options.AuxiliaryTargets.Count > Transforms.Supervised.AutoencoderMulticlassTransformer.MaxAuxiliaryTargets)
            throw new ArgumentOutOfRangeException(nameof(options.AuxiliaryTargets), options.AuxiliaryTargets.Count,
                $"'{nameof(options.AuxiliaryTargets)}' may hold at most {Transforms.Supervised.AutoencoderMulticlassTransformer.MaxAuxiliaryTargets} targets. Got {options.AuxiliaryTargets.Count}.");
        var outputs = new List<string> { options.ScoreColumnName, options.PredictedLabelColumnName, options.LatentColumnName, options.ReconstructionColumnName, options.ReconstructionErrorColumnName };
        var inputs = new HashSet<string>(StringComparer.Ordinal) { options.InputColumnName, options.LabelColumnName };
        for (int i = 0; i < options.AuxiliaryTargets.Count; i++)
        {
            var target = options.AuxiliaryTargets[i] ?? throw new ArgumentNullException(nameof(options.AuxiliaryTargets), $"'{nameof(options.AuxiliaryTargets)}' holds null at index {i}.");
            string name = $"{nameof(options.AuxiliaryTargets)}[{i}].{nameof(AuxiliaryTarget.ColumnName)}";
            AutoencoderOptionsValidation.RequireName(target.ColumnName, name);
            if (!inputs.Add(target.ColumnName))
                throw new ArgumentException($"'{name}' must differ from the feature, label and other target columns. Got '{target.ColumnName}'.", nameof(options));
            RequireWeight(target.Weight, $"{nameof(options.AuxiliaryTargets)}[{i}].{nameof(AuxiliaryTarget.Weight)}", allowZero: false);
            outputs.Add(target.ScoreColumn);
            outputs.Add(target.PredictedLabelColumn);
        }
        var repeated = outputs.GroupBy(n => n, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (repeated is not null)
            throw new ArgumentException($"The output column names must differ: '{repeated.Key}' is used twice (score, predicted label, latent, reconstruction, error and each auxiliary target's columns).", nameof(options));
    }

    private static void RequireWeight(float weight, string option, bool allowZero)
    {
        float maximum = AutoencoderOptionsValidation.MaximumPenaltyWeight;
        if (!(allowZero ? weight >= 0 : weight > 0) || !(weight <= maximum))
            throw new ArgumentOutOfRangeException(option, weight, $"'{option}' must be in {(allowZero ? "[0" : "(0")}, {maximum}]. Got {weight}.");
    }
}
