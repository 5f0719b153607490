namespace MLNet.Autoencoders.Examples.Scenarios.FashionMnist;

/// <summary>A labelled row of 28x28 grey images (values in [0, 1]) in an <see cref="ImageGrid"/>; "\n" in the label starts a new line.</summary>
internal sealed record GridRow(string Label, IReadOnlyList<float[]> Images);
