using System.Text;
using Spectre.Console;

namespace DeploySim.Reporting;

/// <summary>How tables reach stdout: <c>boxed</c> (Spectre's rounded tables, for a terminal), <c>plain</c> (aligned
/// columns at full width, never wrapped: the default when stdout is not a terminal), <c>markdown</c>, <c>csv</c>.</summary>
public enum TableFormat { Boxed, Plain, Markdown, Csv }

/// <summary>A table of text cells: label columns on the left, then right-aligned value columns. An empty cell is a
/// value that does not exist.</summary>
public sealed class TextTable(IReadOnlyList<string> headers, int labelColumns = 1)
{
    private readonly List<string[]> _rows = [];

    public IReadOnlyList<string> Headers { get; } = headers;

    /// <summary>How many columns from the left hold labels (left-aligned, never wrapped).</summary>
    public int LabelColumns { get; } = labelColumns;

    public IReadOnlyList<IReadOnlyList<string>> Rows => _rows;

    public TextTable AddRow(params string[] cells)
    {
        if (cells.Length != Headers.Count) throw new ArgumentException($"{cells.Length} cells for {Headers.Count} columns", nameof(cells));
        _rows.Add(cells);
        return this;
    }
}

/// <summary>What a command prints as text, in order: headings, lines and tables. The console renders it in any
/// <see cref="TableFormat"/>; the HTML report renders the same blocks.</summary>
public sealed class TextReport
{
    public abstract record Block;
    public sealed record Heading(string Text) : Block;
    public sealed record Line(string Text) : Block;
    public sealed record Table(TextTable Value) : Block;

    private readonly List<Block> _blocks = [];

    public IReadOnlyList<Block> Blocks => _blocks;

    public TextReport Add(Block block)
    {
        _blocks.Add(block);
        return this;
    }

    /// <summary>Every table, in order.</summary>
    public IEnumerable<TextTable> Tables => _blocks.OfType<Table>().Select(t => t.Value);

    public void Write(IAnsiConsole console, TableFormat format)
    {
        if (format == TableFormat.Boxed)
        {
            foreach (var block in _blocks) WriteBoxed(console, block);
            return;
        }
        var text = new StringBuilder();
        foreach (var block in _blocks)
        {
            switch (block, format)
            {
                case (Heading h, TableFormat.Markdown): text.Append("## ").Append(h.Text).Append("\n\n"); break;
                case (Line l, TableFormat.Markdown): text.Append(l.Text).Append("\n\n"); break;
                case (Table t, TableFormat.Markdown): Markdown(text, t.Value); break;
                case (Table t, TableFormat.Csv): Csv(text, t.Value); break;
                case (Heading h, TableFormat.Plain): text.Append(h.Text).Append('\n'); break;
                case (Line l, TableFormat.Plain): text.Append(l.Text).Append('\n'); break;
                case (Table t, TableFormat.Plain): Plain(text, t.Value); break;
            }
        }
        var writer = console.Profile.Out.Writer;
        writer.Write(text.ToString());
        writer.Flush();
    }

    private static void WriteBoxed(IAnsiConsole console, Block block)
    {
        switch (block)
        {
            case Heading h:
                console.Write(new Rule(Markup.Escape(h.Text)) { Justification = Justify.Left });
                break;
            case Line l:
                console.Write(new Text(l.Text + "\n"));
                break;
            case Table { Value: var t }:
                var table = new Spectre.Console.Table().Border(TableBorder.Rounded);
                for (int c = 0; c < t.Headers.Count; c++)
                {
                    var column = new TableColumn(new Text(t.Headers[c]));
                    table.AddColumn(c < t.LabelColumns ? column.NoWrap().LeftAligned() : column.RightAligned());
                }
                foreach (var row in t.Rows) table.AddRow(row.Select(cell => new Text(cell.Length == 0 ? "n/a" : cell)).ToArray());
                console.Write(table);
                break;
        }
    }

    /// <summary>Columns padded to their widest cell, two spaces apart; missing values as <c>n/a</c>.</summary>
    private static void Plain(StringBuilder text, TextTable t)
    {
        var rows = t.Rows.Select(r => r.Select(c => c.Length == 0 ? "n/a" : c).ToArray()).Prepend([.. t.Headers]).ToList();
        var widths = Enumerable.Range(0, t.Headers.Count).Select(c => rows.Max(r => r[c].Length)).ToArray();
        foreach (var row in rows)
        {
            var line = new StringBuilder();
            for (int c = 0; c < row.Length; c++)
            {
                if (c > 0) line.Append("  ");
                line.Append(c < t.LabelColumns ? row[c].PadRight(widths[c]) : row[c].PadLeft(widths[c]));
            }
            text.Append(line.ToString().TrimEnd()).Append('\n');
        }
        text.Append('\n');
    }

    private static void Markdown(StringBuilder text, TextTable t)
    {
        static string Cell(string s) => s.Replace("|", "\\|", StringComparison.Ordinal);
        text.Append("| ").Append(string.Join(" | ", t.Headers.Select(Cell))).Append(" |\n|");
        for (int c = 0; c < t.Headers.Count; c++) text.Append(c < t.LabelColumns ? "---|" : "---:|");
        text.Append('\n');
        foreach (var row in t.Rows) text.Append("| ").Append(string.Join(" | ", row.Select(Cell))).Append(" |\n");
        text.Append('\n');
    }

    /// <summary>A number without its thousands separators (<c>1,234.5</c> to <c>1234.5</c>); other text as it is.</summary>
    private static string Ungrouped(string cell) =>
        cell.Length > 0 && cell.All(ch => char.IsAsciiDigit(ch) || ch is ',' or '.' or '-') ? cell.Replace(",", "", StringComparison.Ordinal) : cell;

    /// <summary>RFC 4180: a field with a comma, quote or line break is quoted; missing values are empty fields.</summary>
    private static void Csv(StringBuilder text, TextTable t)
    {
        static string Field(string s) => s.IndexOfAny([',', '"', '\n', '\r']) < 0 ? s : "\"" + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
        text.Append(string.Join(',', t.Headers.Select(Field))).Append('\n');
        foreach (var row in t.Rows) text.Append(string.Join(',', row.Select((cell, c) => Field(c < t.LabelColumns ? cell : Ungrouped(cell))))).Append('\n');
        text.Append('\n');
    }
}
