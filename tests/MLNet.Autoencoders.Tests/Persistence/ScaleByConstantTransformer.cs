using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Runtime;
using MLNet.Autoencoders.Transforms.Persistence;

namespace MLNet.Autoencoders.Tests.Persistence;

/// <summary>
/// A minimal transformer (replaces a Single column by column × factor) that saves itself through
/// <see cref="ModelPersistence"/>, to test the persistence route independently of any network.
/// Its kind is deliberately not in <see cref="PersistedModelKinds.Loaders"/>: loading it through
/// <c>mlContext.Model.Load</c> must reach our loader and fail with the unknown-kind message.
/// </summary>
internal sealed class ScaleByConstantTransformer : ITransformer
{
    public const string Kind = "ScaleByConstant";
    public const string FactorEntry = "Factor.bin";
    private const int FormatVersion = 1;

    public ScaleByConstantTransformer(string columnName, float factor)
    {
        ColumnName = columnName;
        Factor = factor;
    }

    public string ColumnName { get; }
    public float Factor { get; }
    public bool IsRowToRowMapper => true;

    public DataViewSchema GetOutputSchema(DataViewSchema inputSchema) => Bind(inputSchema).Output;

    public IDataView Transform(IDataView input) => new ScaledDataView(input, Bind(input.Schema));

    public IRowToRowMapper GetRowToRowMapper(DataViewSchema inputSchema) => new ScaleByConstantMapper(Bind(inputSchema));

    void ICanSaveModel.Save(ModelSaveContext ctx) => ModelPersistence.Save(ctx, Kind, FormatVersion, Write);

    /// <summary>The payload: the column name in the main stream, the factor in an extra entry.</summary>
    public void Write(PersistedModelWriter model)
    {
        model.Writer.Write(ColumnName);
        model.WriteBinaryStream(FactorEntry, w => w.Write(Factor));
    }

    /// <summary>The loader a dispatch table would hold for <see cref="Kind"/>.</summary>
    public static ScaleByConstantTransformer Load(IHostEnvironment env, PersistedModelReader model)
    {
        if (model.FormatVersion != FormatVersion)
            throw new InvalidDataException($"{Kind} format version {model.FormatVersion} is not {FormatVersion}.");
        string columnName = model.Reader.ReadString();
        float factor = float.NaN;
        model.ReadBinaryStream(FactorEntry, r => factor = r.ReadSingle());
        return new ScaleByConstantTransformer(columnName, factor);
    }

    private ScaledBinding Bind(DataViewSchema inputSchema) => ScaledBinding.Create(inputSchema, ColumnName, Factor);
}
