using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLNet.Autoencoders.Tests.Persistence;

/// <summary>A few rows with the column types models commonly see: Single, Single vector, Double, Text, Boolean.</summary>
internal static class PersistenceTestData
{
    public static IDataView Create(MLContext mlContext) => mlContext.Data.LoadFromEnumerable(new[]
    {
        new Row { X = 1.5f, Features = [1f, 2f, 3f], D = 0.1, Text = "alpha", Flag = true },
        new Row { X = -2.25f, Features = [0f, -0f, float.NaN], D = -1e300, Text = "tab\there \"quoted\"", Flag = false },
        new Row { X = 0f, Features = [float.MaxValue, float.Epsilon, -1f], D = double.NaN, Text = "", Flag = true },
        new Row { X = 3e-39f, Features = [4f, 5f, 6f], D = 42, Text = "alpha", Flag = false },
    });

    /// <summary>Saves <paramref name="data"/> in ML.NET's binary format, which ModelLoadCheck reads.</summary>
    public static void SaveBinary(MLContext mlContext, IDataView data, string path)
    {
        using var stream = System.IO.File.Create(path);
        mlContext.Data.SaveAsBinary(data, stream);
    }

    private sealed class Row
    {
        public float X { get; set; }

        [VectorType(3)]
        public float[] Features { get; set; } = [];

        public double D { get; set; }

        public string Text { get; set; } = "";

        public bool Flag { get; set; }
    }
}
