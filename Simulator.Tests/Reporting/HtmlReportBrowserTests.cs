using System.Text.Json;
using DeploySim.Tests.Cli;
using PuppeteerSharp;
using SkiaSharp;

namespace DeploySim.Tests.Reporting;

/// <summary>report.html in a real browser (Debian's <c>chromium</c>, which <c>.ci/run</c> installs): it loads with no
/// error and no network request, every plot is there and drawn, and a screenshot is not blank.</summary>
[NonParallelizable]
public sealed class HtmlReportBrowserTests
{
    /// <summary>Where the last screenshot is kept, for a person to look at.</summary>
    public static string ScreenshotPath => Path.Combine(Path.GetTempPath(), "deploysim-report-screenshot.png");

    [Test]
    [CancelAfter(180_000)]
    public async Task CompareReport_InHeadlessChromium_LoadsCleanlyWithEveryPlotDrawn()
    {
        using var dir = new TempDirectory();
        var run = CliRun.Run("compare", CliRun.Small, "-n", "3", "--set", "unicorn.workers=5", "--out", dir.Path);
        Assert.That(run.ExitCode, Is.EqualTo(Exit.Ok), run.ToString());
        var expectedPlots = Directory.GetFiles(dir.Path, "*.svg", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(dir.Path, f).Replace('\\', '/')[..^4]).Order(StringComparer.Ordinal).ToList();
        Assert.That(expectedPlots, Has.Count.GreaterThanOrEqualTo(8), "compare writes its own plots and each strategy's");

        await using var browser = await Puppeteer.LaunchAsync(new LaunchOptions
        {
            ExecutablePath = Chromium(),
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
        });
        await using var page = await browser.NewPageAsync();
        await page.SetViewportAsync(new ViewPortOptions { Width = 1280, Height = 900 });
        var problems = new List<string>();
        page.Console += (_, e) => { if (e.Message.Type == ConsoleType.Error) problems.Add("console: " + e.Message.Text); };
        page.PageError += (_, e) => problems.Add("page error: " + e.Message);
        page.RequestFailed += (_, e) => problems.Add("request failed: " + e.Request.Url);
        var requested = new List<string>();
        page.Request += (_, e) => requested.Add(e.Request.Url);

        var url = new Uri(Path.Combine(dir.Path, "report.html")).AbsoluteUri;
        var response = await page.GoToAsync(url, WaitUntilNavigation.Load);

        Assert.That(response.Ok, Is.True, "the page loads");
        Assert.That(problems, Is.Empty, "no console error, page error or failed request");
        Assert.That(requested, Is.EqualTo(new[] { url }), "nothing but the page itself is fetched");

        // Each figure: its name, the drawn size of its SVG, and how many shapes and text elements it holds.
        var figures = await page.EvaluateFunctionAsync<JsonElement>("""
            () => [...document.querySelectorAll('figure.plot')].map(f => {
                const svg = f.querySelector('svg');
                const box = svg ? svg.getBoundingClientRect() : { width: 0, height: 0 };
                return { name: f.dataset.plot, width: box.width, height: box.height,
                         shapes: svg ? svg.querySelectorAll('path, rect, line, polyline, circle').length : 0,
                         texts: svg ? [...svg.querySelectorAll('text')].filter(t => t.textContent.trim().length > 0).length : 0 };
            })
            """);
        var names = figures.EnumerateArray().Select(f => f.GetProperty("name").GetString()!).Order(StringComparer.Ordinal).ToList();
        Assert.That(names, Is.EqualTo(expectedPlots), "every plot written is in the report");
        foreach (var f in figures.EnumerateArray())
        {
            string name = f.GetProperty("name").GetString()!;
            Assert.That(f.GetProperty("width").GetDouble(), Is.GreaterThan(600), name);
            Assert.That(f.GetProperty("height").GetDouble(), Is.GreaterThan(300), name);
            Assert.That(f.GetProperty("shapes").GetInt32(), Is.GreaterThan(10), name);
            Assert.That(f.GetProperty("texts").GetInt32(), Is.GreaterThan(5), name + ": titles, labels and ticks are text");
        }
        var headings = await page.EvaluateFunctionAsync<string[]>("() => [...document.querySelectorAll('h2')].map(h => h.textContent)");
        Assert.That(headings, Is.EqualTo(new[] { "Results", "Plots", "Failure reasons", "Scenario as resolved", "Provenance" }));

        // At 1000 px nothing scrolls sideways: tables fit (or scroll inside their own box), plots scale to the width.
        await page.SetViewportAsync(new ViewPortOptions { Width = 1000, Height = 900 });
        var overflow = await page.EvaluateFunctionAsync<double>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
        Assert.That(overflow, Is.LessThanOrEqualTo(0), "the page scrolls sideways at 1000 px");

        var png = await page.ScreenshotDataAsync(new ScreenshotOptions { FullPage = true, Type = ScreenshotType.Png });
        File.WriteAllBytes(ScreenshotPath, png);
        Assert.That(InkFraction(png), Is.GreaterThan(0.05), "the screenshot is not blank");
    }

    /// <summary>The share of pixels that are not (nearly) white.</summary>
    private static double InkFraction(byte[] png)
    {
        using var bitmap = SKBitmap.Decode(png);
        long ink = 0;
        for (int y = 0; y < bitmap.Height; y += 2)
        {
            for (int x = 0; x < bitmap.Width; x += 2)
            {
                var c = bitmap.GetPixel(x, y);
                if (c.Red < 235 || c.Green < 235 || c.Blue < 235) ink++;
            }
        }
        return ink / ((bitmap.Width / 2.0) * (bitmap.Height / 2.0));
    }

    private static string Chromium()
    {
        string[] candidates = [Environment.GetEnvironmentVariable("DEPLOYSIM_CHROMIUM") ?? "", "/usr/bin/chromium", "/usr/bin/chromium-browser"];
        return candidates.FirstOrDefault(c => c.Length > 0 && File.Exists(c))
            ?? throw new AssertionException("Chromium is not installed: `apt-get install -y chromium` (.ci/run installs it when missing), or set DEPLOYSIM_CHROMIUM");
    }
}
