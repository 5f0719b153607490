using MLNet.Autoencoders.Examples.Scenarios.FashionMnist;

namespace MLNet.Autoencoders.Examples.Scenarios.SemiSupervisedFashion;

/// <summary>Keeps the labels of a seeded random fraction of the training images and removes the others.</summary>
internal static class LabelFractions
{
    /// <summary>
    /// The training images with the labels of a <paramref name="fraction"/> of them kept (a seeded random choice; the first
    /// image of each class always keeps its label, so that every class has one at tiny fractions).
    /// </summary>
    public static LabelledImage[] Keep(FashionImage[] images, double fraction, int seed)
    {
        var random = new Random(seed);
        var seen = new HashSet<int>();
        return [.. images.Select(image => new LabelledImage
        {
            Features = Scaled(image.Pixels),
            Class = seen.Add(image.Label) || random.NextDouble() < fraction ? FashionImages.ClassNames[image.Label] : "",
        })];
    }

    /// <summary>Every image with its label.</summary>
    public static LabelledImage[] All(FashionImage[] images) =>
        [.. images.Select(image => new LabelledImage { Features = Scaled(image.Pixels), Class = FashionImages.ClassNames[image.Label] })];

    private static float[] Scaled(float[] pixels) => [.. pixels.Select(p => p / 255f)];
}
