namespace MLNet.Autoencoders.Examples.Scenarios.FashionMnist;

/// <summary>One 28x28 grey Fashion-MNIST image: pixels 0..255, row by row, and its class.</summary>
internal sealed record FashionImage(float[] Pixels, int Label);
