using MLNet.Autoencoders.Transforms.Networks;

namespace MLNet.Autoencoders.Transforms.Supervised;

/// <summary>
/// The shape of a prediction head on an autoencoder's latent code: linear layers from the latent dimension through
/// <paramref name="HiddenLayers"/> (each followed by <paramref name="Activation"/>) to <paramref name="OutputSize"/> outputs
/// (class logits, or one value).
/// </summary>
/// <param name="InputSize">The latent dimension the head reads.</param>
/// <param name="HiddenLayers">The hidden layer sizes; empty for a linear head.</param>
/// <param name="OutputSize">The number of outputs.</param>
/// <param name="Activation">The nonlinearity after every hidden layer.</param>
public sealed record HeadArchitecture(int InputSize, IReadOnlyList<int> HiddenLayers, int OutputSize, Activation Activation)
{
    /// <summary>Builds the head with PyTorch's default initialisation.</summary>
    public PredictionHead CreateHead() => new(this);

    /// <inheritdoc/>
    public override string ToString() => string.Join("-", HiddenLayers.Prepend(InputSize).Append(OutputSize)) + $" ({Activation})";

    internal void Write(BinaryWriter writer)
    {
        writer.Write(InputSize);
        writer.Write(HiddenLayers.Count);
        foreach (int size in HiddenLayers)
            writer.Write(size);
        writer.Write(OutputSize);
        writer.Write((int)Activation);
    }

    internal static HeadArchitecture Read(BinaryReader reader, int latentDimension)
    {
        int input = reader.ReadInt32();
        if (input != latentDimension)
            throw new InvalidDataException($"The model's prediction head reads {input} latent values; its network's latent dimension is {latentDimension}.");
        int count = reader.ReadInt32();
        if (count is < 0 or > NetworkArchitecture.MaxLayers)
            throw new InvalidDataException($"The model's prediction head declares {count} hidden layers; expected between 0 and {NetworkArchitecture.MaxLayers}.");
        var hidden = new int[count];
        for (int i = 0; i < count; i++)
            hidden[i] = ReadSize(reader, "prediction head layer size");
        int output = ReadSize(reader, "prediction head output size");
        int activation = reader.ReadInt32();
        if (!Enum.IsDefined((Activation)activation))
            throw new InvalidDataException($"The model's prediction head activation code {activation} is not known.");
        return new HeadArchitecture(input, hidden, output, (Activation)activation);
    }

    private static int ReadSize(BinaryReader reader, string what)
    {
        int value = reader.ReadInt32();
        if (value is <= 0 or > NetworkArchitecture.MaxSize)
            throw new InvalidDataException($"The model's {what} is {value}; expected a positive size.");
        return value;
    }
}
