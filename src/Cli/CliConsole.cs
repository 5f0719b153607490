using Spectre.Console;
using Spectre.Console.Rendering;

namespace MLNet.Autoencoders.Cli;

/// <summary>
/// Where a command prints. On a terminal, Spectre.Console draws tables with borders and a live progress bar while
/// fitting; when the output is redirected (a file, a pipe, a test's <see cref="StringWriter"/>), the same content comes
/// out as plain lines: no ANSI escape codes, no colours, tables as Markdown, one line per epoch.
/// </summary>
internal sealed class CliConsole
{
    // Redirected output has no window to fit: wide enough that tables and long lines are never wrapped.
    private const int RedirectedWidth = 1024;

    private readonly IAnsiConsole console;

    /// <param name="writer">Where everything goes.</param>
    /// <param name="isTerminal">Whether <paramref name="writer"/> is a terminal (<c>!Console.IsOutputRedirected</c>).</param>
    public CliConsole(TextWriter writer, bool isTerminal)
    {
        Writer = writer;
        IsTerminal = isTerminal;
        console = isTerminal ? AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(writer) }) : Plain(writer);
    }

    /// <summary>The plain writer under the console, for lines that need no drawing.</summary>
    public TextWriter Writer { get; }

    /// <summary>Whether live drawing (the progress bar) is used.</summary>
    public bool IsTerminal { get; }

    /// <summary>Writes <paramref name="line"/> as it is (no markup).</summary>
    public void WriteLine(string line = "") => Writer.WriteLine(line);

    /// <summary>
    /// Writes a table: <paramref name="header"/> and <paramref name="rows"/> as plain text (no markup), the columns
    /// numbered in <paramref name="rightAligned"/> aligned right.
    /// </summary>
    public void WriteTable(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows, params int[] rightAligned)
    {
        var table = new Table { Border = IsTerminal ? TableBorder.Rounded : TableBorder.Markdown };
        for (var c = 0; c < header.Count; c++)
            table.AddColumn(new TableColumn(new Text(header[c])) { Alignment = rightAligned.Contains(c) ? Justify.Right : Justify.Left });
        foreach (var row in rows)
            table.AddRow(row.Select(cell => (IRenderable)new Text(cell)));
        if (IsTerminal)
        {
            console.Write(table);
            return;
        }
        // A Markdown table's top and bottom borders are lines of spaces: leave them out, and trailing spaces too.
        using var buffer = new StringWriter();
        Plain(buffer).Write(table);
        foreach (var line in buffer.ToString().Split('\n').Select(l => l.TrimEnd()).Where(l => l.Length > 0))
            Writer.WriteLine(line);
    }

    private static IAnsiConsole Plain(TextWriter writer)
    {
        var plain = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        plain.Profile.Width = RedirectedWidth;
        return plain;
    }

    /// <summary>
    /// Runs <paramref name="fit"/>, giving it the callback for each epoch's losses: on a terminal a live progress bar
    /// per network (<paramref name="networks"/> bars, each of <paramref name="epochs"/> epochs at most) with the
    /// losses and the time left; redirected, <paramref name="printEpochs"/> says whether to print one line per epoch.
    /// </summary>
    /// <remarks>The callback takes the network's 1-based number, its epoch limit (which may be below <paramref name="epochs"/>) and the losses.</remarks>
    public T Fit<T>(int networks, int epochs, bool printEpochs, Func<Action<int, int, Transforms.EpochLoss>, T> fit)
    {
        if (!IsTerminal)
        {
            var gate = new object();
            return fit((network, _, loss) =>
            {
                if (!printEpochs)
                    return;
                lock (gate)
                    Writer.WriteLine(networks == 1 ? $"  {loss}" : $"  Network {network}, {loss}");
            });
        }
        return console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(),
                new RemainingTimeColumn(), new SpinnerColumn())
            .Start(context =>
            {
                var tasks = Enumerable.Range(1, networks)
                    .Select(n => context.AddTask(TrainingProgress.Describe(n, networks, epochs, loss: null), maxValue: epochs))
                    .ToArray();
                var result = fit((network, limit, loss) =>
                {
                    var task = tasks[network - 1];
                    task.MaxValue = limit;
                    task.Description = TrainingProgress.Describe(network, networks, limit, loss);
                    task.Value = loss.Epoch;
                });
                // Early stopping ends a network before its last epoch: its bar is complete all the same.
                foreach (var task in tasks)
                    task.Value = task.MaxValue;
                return result;
            });
    }
}
