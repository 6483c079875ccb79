using DeploySim.Import;

namespace DeploySim.Tests.Import;

/// <summary>In-place YAML edits: only the edited value changes; comments, order and layout stay.</summary>
public sealed class YamlEditorTests
{
    private const string Text = """
        # yaml-language-server: $schema=./scenario.schema.json
        # my fleet
        name: web   # the name
        deployment:
          strategy: in-place
          # scripts below
          scripts:
            a.sh: { duration: 5s, action: stopApplication }  # stops it
            b.sh:
              duration:
                normal: { mean: 3s, sd: 1s }
              failureRate: 0.01
          installTime: 2s  # default: not in the inputs, to be fitted (deploysim fit)
        traffic:
          requestsPerSecond: 5
        """;

    [Test]
    public void Set_ScalarInBlockMapping_ReplacesOnlyThatValue()
    {
        var e = new YamlEditor(Text);
        e.Set(["traffic", "requestsPerSecond"], "50", "more");
        Assert.That(e.Text, Is.EqualTo(Text.Replace("requestsPerSecond: 5", "requestsPerSecond: 50  # more")));
    }

    [Test]
    public void Set_ValueWithStaleDefaultComment_ReplacesTheComment()
    {
        var e = new YamlEditor(Text);
        e.Set(["deployment", "installTime"], "{ lognormal: { median: 2s, p90: 3s } }", "fitted: x");
        Assert.That(e.Text, Does.Contain("  installTime: { lognormal: { median: 2s, p90: 3s } }  # fitted: x\ntraffic:"));
    }

    [Test]
    public void Set_ValueInsideFlowMapping_KeepsTheRestOfTheLine()
    {
        var e = new YamlEditor(Text);
        e.Set(["deployment", "scripts", "a.sh", "duration"], "{ empirical: [1s, 2s] }", "not here");
        Assert.That(e.Text, Does.Contain("a.sh: { duration: { empirical: [1s, 2s] }, action: stopApplication }  # stops it\n"));
    }

    [Test]
    public void Set_BlockValue_IsReplacedByAFlowValueAndTheNextKeyStays()
    {
        var e = new YamlEditor(Text);
        e.Set(["deployment", "scripts", "b.sh", "duration"], "4s");
        Assert.That(e.Text, Does.Contain("    b.sh:\n      duration:\n        4s\n      failureRate: 0.01\n"));
        Assert.That(new YamlEditor(e.Text).Scalar("deployment", "scripts", "b.sh", "duration"), Is.EqualTo("4s"));
    }

    [Test]
    public void Set_MissingKeyInBlockMapping_AddsALineAtTheMappingsIndent()
    {
        var e = new YamlEditor(Text);
        e.Set(["deployment", "downloadBundleTime"], "3s", "fitted");
        Assert.That(e.Text, Does.Contain("  installTime: 2s  # default: not in the inputs, to be fitted (deploysim fit)\n  downloadBundleTime: 3s  # fitted\ntraffic:"));
    }

    [Test]
    public void Set_MissingKeyInFlowMapping_AddsAnEntry()
    {
        var e = new YamlEditor(Text);
        e.Set(["deployment", "scripts", "a.sh", "failureRate"], "0.1");
        Assert.That(e.Text, Does.Contain("a.sh: { duration: 5s, action: stopApplication, failureRate: 0.1 }  # stops it"));
    }

    [Test]
    public void Set_MissingSection_CreatesItAsAFlowMapping()
    {
        var e = new YamlEditor(Text);
        e.Set(["unicorn", "workers"], "8");
        Assert.Multiple(() =>
        {
            Assert.That(e.Text, Does.EndWith("  requestsPerSecond: 5\nunicorn: { workers: 8 }\n"));
            Assert.That(new YamlEditor(e.Text).Scalar("unicorn", "workers"), Is.EqualTo("8"));
        });
    }

    [Test]
    public void Set_KeyThatNeedsQuotes_IsQuoted()
    {
        var e = new YamlEditor(Text);
        e.Set(["deployment", "scripts", "c d: e.sh"], "{ duration: 1s }");
        Assert.That(new YamlEditor(e.Text).Scalar("deployment", "scripts", "c d: e.sh", "duration"), Is.EqualTo("1s"));
    }

    [Test]
    public void SetHeader_TwiceWithTheSameMarker_ReplacesTheBlockAfterTheSchemaLine()
    {
        var e = new YamlEditor(Text);
        e.SetHeader("deploysim fit", ["first"]);
        e.SetHeader("deploysim fit", ["second", "", "third"]);
        Assert.That(e.Text, Does.StartWith(
            "# yaml-language-server: $schema=./scenario.schema.json\n# deploysim fit\n# second\n#\n# third\n# end of deploysim fit\n# my fleet\nname: web"));
        Assert.That(e.Text, Does.Not.Contain("first"));
    }

    [Test]
    public void Set_CrlfFile_AddsLinesWithCrlf()
    {
        var e = new YamlEditor(Text.Replace("\n", "\r\n", StringComparison.Ordinal));
        e.Set(["deployment", "downloadBundleTime"], "3s", "fitted");
        e.Set(["traffic", "requestsPerSecond"], "6", "fitted");
        Assert.Multiple(() =>
        {
            Assert.That(e.Text, Does.Contain("  installTime: 2s  # default: not in the inputs, to be fitted (deploysim fit)\r\n  downloadBundleTime: 3s  # fitted\r\ntraffic:"));
            Assert.That(e.Text.Replace("\r\n", "", StringComparison.Ordinal), Does.Not.Contain("\n"), "no bare line feed");
        });
    }

    [Test]
    public void ReplaceOnKeyLine_ChangesTextOnThatLineOnly()
    {
        var e = new YamlEditor(Text);
        e.ReplaceOnKeyLine(["deployment", "scripts", "a.sh"], "stops it", "stops the app");
        e.ReplaceOnKeyLine(["deployment", "scripts", "b.sh"], "stops it", "never");
        Assert.That(e.Text, Is.EqualTo(Text.Replace("# stops it", "# stops the app", StringComparison.Ordinal)));
    }
}
