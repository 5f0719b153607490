namespace MLNet.Autoencoders.Examples.Scenarios.FashionMnist;

/// <summary>The training and test images the scenario uses, and a sentence saying where they came from.</summary>
internal sealed record FashionImageSets(FashionImage[] Training, FashionImage[] Test, string Source);
