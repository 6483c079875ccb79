using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace DeploySim.Reporting.Html;

/// <summary>One self-contained HTML page: inline CSS and SVG, no script, no network. Sections are added in reading
/// order; <see cref="Render"/> gives the text (deterministic: the same sections give the same bytes).</summary>
internal sealed partial class HtmlPage(string title)
{
    private readonly StringBuilder _body = new();
    private int _plots;

    /// <summary>The page's plots in order, by their file name (without extension).</summary>
    public List<string> PlotNames { get; } = [];

    public HtmlPage Heading(string text)
    {
        _body.Append("<h2>").Append(E(text)).Append("</h2>\n");
        return this;
    }

    public HtmlPage Paragraph(string text, string? cssClass = null)
    {
        _body.Append(cssClass is null ? "<p>" : $"<p class=\"{cssClass}\">").Append(E(text)).Append("</p>\n");
        return this;
    }

    /// <summary>A table; the first column is a label, the others are right-aligned numbers. An empty cell means the
    /// value does not exist (the reports' one missing-value convention).</summary>
    public HtmlPage Table(string? caption, IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows)
    {
        _body.Append("<div class=\"table\"><table>");
        if (caption is not null) _body.Append("<caption>").Append(E(caption)).Append("</caption>");
        _body.Append("<thead><tr>");
        foreach (var h in headers) _body.Append("<th>").Append(E(h)).Append("</th>");
        _body.Append("</tr></thead><tbody>\n");
        foreach (var row in rows)
        {
            _body.Append("<tr>");
            for (int i = 0; i < row.Count; i++)
                _body.Append(i == 0 ? "<th scope=\"row\">" : IsNumber(row[i]) ? "<td>" : "<td class=\"text\">").Append(E(row[i])).Append(i == 0 ? "</th>" : "</td>");
            _body.Append("</tr>\n");
        }
        _body.Append("</tbody></table></div>\n");
        return this;
    }

    /// <summary>Preformatted text (the resolved scenario), in a block that keeps its own scroll bar.</summary>
    public HtmlPage Preformatted(string text)
    {
        _body.Append("<pre>").Append(E(text)).Append("</pre>\n");
        return this;
    }

    /// <summary>An SVG plot inlined: the XML prologue dropped, its ids made unique within the page (each plot has its
    /// own <c>cl_0</c>, <c>cl_1</c>, …), scaled to the page's width.</summary>
    public HtmlPage Plot(string name, string caption, string svg)
    {
        string prefix = "p" + (++_plots).ToString(CultureInfo.InvariantCulture) + "-";
        string body = Prologue().Replace(svg, "");
        body = ClipId().Replace(body, m => prefix + m.Value);
        // ScottPlot writes width and height only: without a viewBox, CSS width 100 % crops the plot instead of scaling it.
        if (!body.Contains("viewBox", StringComparison.Ordinal))
            body = RootSize().Replace(body, m => $"{m.Value} viewBox=\"0 0 {m.Groups["w"].Value} {m.Groups["h"].Value}\"", 1);
        _body.Append("<figure class=\"plot\" data-plot=\"").Append(E(name)).Append("\">\n").Append(body.Trim()).Append('\n')
            .Append("<figcaption>").Append(E(caption)).Append("</figcaption></figure>\n");
        PlotNames.Add(name);
        return this;
    }

    public string Render()
    {
        var page = new StringBuilder();
        page.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">\n")
            .Append("<title>").Append(E(title)).Append("</title>\n<style>\n").Append(Css).Append("</style>\n</head>\n<body>\n<main>\n")
            .Append("<h1>").Append(E(title)).Append("</h1>\n")
            .Append(_body)
            .Append("</main>\n</body>\n</html>\n");
        return page.ToString();
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);

    /// <summary>Numbers, percentages and dashes never wrap; words (a failure reason) may.</summary>
    private static bool IsNumber(string cell) => cell.All(c => char.IsDigit(c) || c is ',' or '.' or '-' or '%' or ' ' or '+' or '—');

    [GeneratedRegex("<svg [^>]*?width=\"(?<w>[0-9.]+)\" height=\"(?<h>[0-9.]+)\"")]
    private static partial Regex RootSize();

    [GeneratedRegex(@"<\?xml[^>]*\?>|<!DOCTYPE[^>]*>")]
    private static partial Regex Prologue();

    [GeneratedRegex(@"(?<=id=""|url\(#)cl_[0-9a-z]+(?=[""\)])")]
    private static partial Regex ClipId();

    private const string Css = """
        body { margin: 0; background: #f6f7f9; color: #1d232b; font: 15px/1.45 "DejaVu Sans", "Segoe UI", Helvetica, Arial, sans-serif; }
        main { max-width: 1240px; margin: 0 auto; padding: 24px 28px 48px; background: #fff; box-sizing: border-box; overflow-wrap: anywhere; }
        h1 { font-size: 26px; margin: 0 0 6px; }
        h2 { font-size: 20px; margin: 34px 0 10px; padding-bottom: 4px; border-bottom: 2px solid #dde2e8; }
        p.question { font-size: 18px; color: #2b4a6f; margin: 4px 0 18px; }
        p.note { color: #5a6470; font-size: 14px; }
        table { border-collapse: collapse; margin: 10px 0 18px; font-variant-numeric: tabular-nums; }
        caption { text-align: left; font-weight: bold; padding: 4px 0; }
        div.table { max-width: 100%; overflow-x: auto; }
        th, td { padding: 4px 10px; border-bottom: 1px solid #e3e7ec; white-space: nowrap; }
        thead th, tbody th { white-space: normal; min-width: 7em; }
        td.text { white-space: normal; }
        thead th { background: #eef1f5; text-align: right; }
        thead th:first-child, tbody th { text-align: left; font-weight: normal; }
        td { text-align: right; }
        td:empty::after { content: "\2014"; color: #9aa3ad; }
        figure.plot { margin: 18px 0 28px; }
        figure.plot svg { display: block; width: 100%; height: auto; border: 1px solid #e3e7ec; }
        figcaption { color: #5a6470; font-size: 14px; margin-top: 6px; }
        pre { background: #f3f5f7; border: 1px solid #e3e7ec; padding: 12px; overflow: auto; max-height: 520px; font-size: 13px; }

        """;
}
