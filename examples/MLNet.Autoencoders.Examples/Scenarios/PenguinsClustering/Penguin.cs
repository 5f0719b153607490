namespace MLNet.Autoencoders.Examples.Scenarios.PenguinsClustering;

/// <summary>One penguin from the Palmer penguins data set: its species and four body measurements.</summary>
internal sealed class Penguin
{
    public string Species { get; set; } = "";

    /// <summary>Bill length in millimetres.</summary>
    public float BillLength { get; set; }

    /// <summary>Bill depth in millimetres.</summary>
    public float BillDepth { get; set; }

    /// <summary>Flipper length in millimetres.</summary>
    public float Flipper { get; set; }

    /// <summary>Body mass in grams.</summary>
    public float Mass { get; set; }
}
