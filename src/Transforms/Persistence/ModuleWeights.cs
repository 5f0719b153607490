using TorchSharp;

namespace MLNet.Autoencoders.Transforms.Persistence;

/// <summary>
/// Writes a TorchSharp module's parameters, and reads them back into a module of the same architecture.
/// The entry they are written to is checksummed (see <see cref="ChecksummedBlock"/>); what is left to
/// check here is that the stored tensors fit the network the model's hyper-parameters describe.
/// </summary>
internal static class ModuleWeights
{
    public static void Write(BinaryWriter writer, torch.nn.Module module) => module.save(writer);

    public static void Read(BinaryReader reader, torch.nn.Module module, string componentName)
    {
        try
        {
            module.load(reader, strict: true);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or IOException or EndOfStreamException)
        {
            throw new InvalidDataException(
                $"The model file is corrupt: {componentName}: its weights do not fit the stored architecture ({e.Message}).", e);
        }
    }
}
