using OxyPlot;
using OxyPlot.Axes;
using OxyPlot.Series;

namespace MLNet.Autoencoders.Examples.Scenarios.SemiSupervisedFashion;

/// <summary>A confusion matrix as a heat map: rows are true classes, columns predicted classes, each row as fractions of its class.</summary>
internal static class ConfusionMatrixPlot
{
    public static PlotModel Create(string title, IReadOnlyList<string> classes, IReadOnlyList<IReadOnlyList<double>> counts)
    {
        int k = classes.Count;
        var fractions = new double[k, k];
        for (int truth = 0; truth < k; truth++)
        {
            double total = Math.Max(1, counts[truth].Sum());
            for (int predicted = 0; predicted < k; predicted++)
                fractions[predicted, k - 1 - truth] = counts[truth][predicted] / total;
        }
        var model = new PlotModel { Title = title, Background = OxyColors.White, DefaultFontSize = 13, TitleFontSize = 16, TitleFontWeight = FontWeights.Normal };
        model.Axes.Add(new LinearColorAxis { Position = AxisPosition.Right, Palette = OxyPalette.Interpolate(200, OxyColors.White, OxyColor.FromRgb(0, 114, 178)), Minimum = 0, Maximum = 1, Title = "Fraction of the true class" });
        model.Axes.Add(new CategoryAxis { Position = AxisPosition.Bottom, Title = "Predicted class", Key = "x", ItemsSource = classes, Angle = -35 });
        model.Axes.Add(new CategoryAxis { Position = AxisPosition.Left, Title = "True class", Key = "y", ItemsSource = classes.Reverse().ToArray() });
        model.Series.Add(new HeatMapSeries
        {
            X0 = 0,
            X1 = k - 1,
            Y0 = 0,
            Y1 = k - 1,
            XAxisKey = "x",
            YAxisKey = "y",
            Data = fractions,
            Interpolate = false,
            RenderMethod = HeatMapRenderMethod.Rectangles,
            LabelFormatString = "0.00",
            LabelFontSize = 0.22,
        });
        return model;
    }
}
