using MLNet.Autoencoders.Cli;
using MLNet.Autoencoders.Transforms;

namespace MLNet.Autoencoders.Tests.Cli;

[TestClass]
public sealed class CliConsoleTests
{
    [TestMethod]
    public void WriteTable_Redirected_WritesMarkdownLinesWithoutEscapesOrMarkup()
    {
        using var writer = new StringWriter();

        new CliConsole(writer, isTerminal: false).WriteTable(["name", "count"], [["[red]a[/]", "12"], ["b", "3"]], rightAligned: 1);

        var lines = writer.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.AreEqual(string.Join("\n", "| name      | count |", "| :-------- | ----: |", "| [red]a[/] |    12 |", "| b         |     3 |"), string.Join("\n", lines));
        Assert.DoesNotContain("\u001b", writer.ToString());
    }

    [TestMethod]
    public void Fit_Redirected_PrintsOneLinePerEpochAndReturnsTheFitsResult()
    {
        using var writer = new StringWriter();

        var result = new CliConsole(writer, isTerminal: false).Fit(networks: 1, epochs: 2, printEpochs: true, report =>
        {
            report(1, 2, new EpochLoss(1, 0.5, 0.6, TimeSpan.Zero));
            report(1, 2, new EpochLoss(2, 0.25, null, TimeSpan.Zero));
            return 42;
        });

        Assert.AreEqual(42, result);
        var lines = writer.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.HasCount(2, lines);
        StringAssert.StartsWith(lines[0], "  Epoch 1: training loss 0.5, validation loss 0.6");
    }

    [TestMethod]
    public void Fit_RedirectedWithoutEpochLines_PrintsNothing()
    {
        using var writer = new StringWriter();

        new CliConsole(writer, isTerminal: false).Fit(networks: 5, epochs: 2, printEpochs: false, report =>
        {
            report(3, 2, new EpochLoss(1, 0.5, 0.6, TimeSpan.Zero));
            return 0;
        });

        Assert.AreEqual("", writer.ToString());
    }

    [TestMethod]
    public void Describe_NamesTheNetworkOnlyWhenThereAreSeveral()
    {
        var loss = new EpochLoss(3, 0.12345, 0.5, TimeSpan.Zero);

        Assert.AreEqual("epoch 3/10  loss 0.1235  validation 0.5", TrainingProgress.Describe(1, 1, 10, loss));
        Assert.AreEqual("Network 2/5  epoch 3/10  loss 0.1235  validation 0.5", TrainingProgress.Describe(2, 5, 10, loss));
        Assert.AreEqual("Network 2/5", TrainingProgress.Describe(2, 5, 10, loss: null));
        Assert.AreEqual("Training", TrainingProgress.Describe(1, 1, 10, loss: null));
    }
}
