namespace MLNet.Autoencoders.Examples.Scenarios.GapFilling;

/// <summary>
/// A synthetic sea-surface temperature (SST) field and cloud masks over a square patch of ocean, one image per day.
/// The field is smooth and made of a few moving parts, like the real thing: a north-south temperature gradient, a
/// basin-wide warm or cool anomaly, a meandering front (a Gulf-Stream-like jump of a few degrees) and two eddies.
/// Clouds are smooth random blobs that hide 10% to 50% of the patch.
/// </summary>
internal sealed class SeaSurfaceField
{
    private const int Side = Scene.Side;
    private readonly Random random;

    public SeaSurfaceField(int seed) => random = new Random(seed);

    /// <summary>The next day's true temperatures in °C, row by row from north (row 0) to south.</summary>
    public float[] NextDay()
    {
        double anomaly = Normal() * 1.2;
        double frontPhase = random.NextDouble() * 2 * Math.PI;
        double frontLatitude = 0.5 + 0.06 * Normal();
        double frontAmplitude = 0.06 + 0.04 * random.NextDouble();
        var eddies = Enumerable.Range(0, 2).Select(_ => (
            X: random.NextDouble(), Y: 0.2 + 0.6 * random.NextDouble(),
            Radius: 0.07 + 0.06 * random.NextDouble(), Amplitude: (random.NextDouble() < 0.5 ? -1 : 1) * (1 + 1.5 * random.NextDouble()))).ToArray();

        var field = new float[Scene.PixelCount];
        for (int row = 0; row < Side; row++)
        {
            double y = (row + 0.5) / Side;
            for (int column = 0; column < Side; column++)
            {
                double x = (column + 0.5) / Side;
                double front = frontLatitude + frontAmplitude * Math.Sin(2 * Math.PI * 1.3 * x + frontPhase);
                double value = 14 + 8 * y + anomaly + 2.5 * Math.Tanh((y - front) / 0.05);
                foreach (var eddy in eddies)
                    value += eddy.Amplitude * Math.Exp(-(Math.Pow(x - eddy.X, 2) + Math.Pow(y - eddy.Y, 2)) / (2 * eddy.Radius * eddy.Radius));
                field[row * Side + column] = (float)(value + 0.05 * Normal());
            }
        }
        return field;
    }

    /// <summary>A cloud mask (<see langword="true"/> = hidden) covering a random 10% to 50% of the patch with a few smooth blobs.</summary>
    public bool[] NextClouds()
    {
        double cover = 0.1 + 0.4 * random.NextDouble();
        int blobs = random.Next(2, 6);
        var centers = Enumerable.Range(0, blobs).Select(_ => (X: random.NextDouble(), Y: random.NextDouble(), Radius: 0.1 + 0.15 * random.NextDouble())).ToArray();
        var density = new double[Scene.PixelCount];
        for (int row = 0; row < Side; row++)
        {
            for (int column = 0; column < Side; column++)
            {
                double x = (column + 0.5) / Side, y = (row + 0.5) / Side;
                density[row * Side + column] = centers.Sum(c => Math.Exp(-(Math.Pow(x - c.X, 2) + Math.Pow(y - c.Y, 2)) / (2 * c.Radius * c.Radius)))
                    + 0.15 * random.NextDouble();
            }
        }
        // The densest `cover` share of pixels is cloudy.
        double threshold = density.Order().ElementAt((int)((1 - cover) * (Scene.PixelCount - 1)));
        return density.Select(d => d > threshold).ToArray();
    }

    private double Normal() => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
