namespace DeploySim.Tests.Golden;

/// <summary>The golden comparer itself: it must be able to fail, and say what changed.</summary>
public sealed class JsonDiffTests
{
    private const string Golden = """
        {
          "scenario": "blue-green",
          "traceFingerprint": "00112233445566ff",
          "eventsPerReplication": [25013, 25140],
          "summary": { "metrics": { "rolloutSeconds": { "mean": 8120.0495, "p50": 8128.9505 } }, "phaseSeconds": {} }
        }
        """;

    [Test]
    public void Compare_IdenticalDocuments_FindsNoDifference() =>
        Assert.That(JsonDiff.Compare(Golden, Golden), Is.Empty);

    [Test]
    public void Compare_WhitespaceOnly_FindsNoDifference() =>
        Assert.That(JsonDiff.Compare(Golden, Golden.Replace("\n", "", StringComparison.Ordinal).Replace("  ", "", StringComparison.Ordinal)), Is.Empty);

    [Test]
    public void Compare_ChangedNumber_ReportsPathOldAndNewValue()
    {
        var changed = Golden.Replace("8128.9505", "8128.9506", StringComparison.Ordinal);
        var d = JsonDiff.Compare(Golden, changed);
        Assert.That(d, Is.EqualTo(new[] { new JsonDifference("summary.metrics.rolloutSeconds.p50", "8128.9505", "8128.9506") }));
        Assert.That(d[0].ToString(), Is.EqualTo("summary.metrics.rolloutSeconds.p50: 8128.9505 -> 8128.9506"));
    }

    [Test]
    public void Compare_SameNumberWrittenDifferently_IsADifference() =>
        // Goldens are exact texts: 100 and 100.0 are the same double but not the same output.
        Assert.That(JsonDiff.Compare("""{ "a": 100 }""", """{ "a": 100.0 }"""), Is.EqualTo(new[] { new JsonDifference("a", "100", "100.0") }));

    [Test]
    public void Compare_ChangedString_ReportsQuotedValues() =>
        Assert.That(JsonDiff.Compare(Golden, Golden.Replace("66ff", "66fe", StringComparison.Ordinal)),
            Is.EqualTo(new[] { new JsonDifference("traceFingerprint", "\"00112233445566ff\"", "\"00112233445566fe\"") }));

    [Test]
    public void Compare_ArrayElementChangedAndAdded_ReportsIndexedPaths()
    {
        var changed = Golden.Replace("[25013, 25140]", "[25013, 25141, 25000]", StringComparison.Ordinal);
        Assert.That(JsonDiff.Compare(Golden, changed), Is.EqualTo(new[]
        {
            new JsonDifference("eventsPerReplication[1]", "25140", "25141"),
            new JsonDifference("eventsPerReplication[2]", null, "25000"),
        }));
    }

    [Test]
    public void Compare_RemovedAndAddedFields_ReportMissingSides()
    {
        var changed = Golden.Replace("\"p50\": 8128.9505", "\"p90\": 8200", StringComparison.Ordinal)
            .Replace("\"phaseSeconds\": {}", "\"phaseSeconds\": { \"Install\": 2 }", StringComparison.Ordinal);
        var d = JsonDiff.Compare(Golden, changed);
        Assert.That(d, Is.EqualTo(new[]
        {
            new JsonDifference("summary.metrics.rolloutSeconds.p50", "8128.9505", null),
            new JsonDifference("summary.phaseSeconds", "{}", null),
            new JsonDifference("summary.metrics.rolloutSeconds.p90", null, "8200"),
            new JsonDifference("summary.phaseSeconds.Install", null, "2"),
        }));
        Assert.That(d[0].ToString(), Is.EqualTo("summary.metrics.rolloutSeconds.p50: 8128.9505 -> (missing)"));
    }

    [Test]
    public void MismatchMessage_ListsEveryDifferenceAndTheAcceptCommand()
    {
        var changed = Golden.Replace("8120.0495", "8121", StringComparison.Ordinal).Replace("25013", "25014", StringComparison.Ordinal);
        var message = GoldenFiles.MismatchMessage("blue-green", Golden, changed, GoldenFiles.ReceivedPath("blue-green"));
        Assert.That(message, Does.Contain("2 fields differ"));
        Assert.That(message, Does.Contain("  eventsPerReplication[0]: 25013 -> 25014\n"));
        Assert.That(message, Does.Contain("  summary.metrics.rolloutSeconds.mean: 8120.0495 -> 8121\n"));
        Assert.That(message, Does.Contain("Wrote Simulator.Tests/GoldenFiles/blue-green.received.json."));
        Assert.That(message, Does.Contain(GoldenFiles.AcceptCommand));
    }

    [Test]
    public void MismatchMessage_KeyOrderOnly_SaysTheTextDiffers()
    {
        var message = GoldenFiles.MismatchMessage("x", """{ "a": 1, "b": 2 }""", """{ "b": 2, "a": 1 }""", GoldenFiles.ReceivedPath("x"));
        Assert.That(message, Does.Contain("key order or formatting"));
    }

    [Test]
    public void CombinedFingerprint_DependsOnEveryReplicationAndItsOrder()
    {
        var a = ScenarioGolden.CombinedFingerprint([1UL, 2UL]);
        Assert.Multiple(() =>
        {
            Assert.That(a, Has.Length.EqualTo(16).And.Match("^[0-9a-f]{16}$"));
            Assert.That(ScenarioGolden.CombinedFingerprint([1UL, 2UL]), Is.EqualTo(a));
            Assert.That(ScenarioGolden.CombinedFingerprint([2UL, 1UL]), Is.Not.EqualTo(a));
            Assert.That(ScenarioGolden.CombinedFingerprint([1UL, 2UL, 0UL]), Is.Not.EqualTo(a));
            // FNV-1a 64 of no bytes is its offset basis: the combination is the documented hash, not an ad hoc one.
            Assert.That(ScenarioGolden.CombinedFingerprint([]), Is.EqualTo("cbf29ce484222325"));
        });
    }
}

/// <summary>The golden-file helper: a mismatch writes the received file and fails; a match passes and removes a stale one.</summary>
public sealed class GoldenFilesTests
{
    private const string Verified = "{\n  \"a\": 1\n}\n";

    [Test]
    public void Verify_SameText_PassesAndDeletesAStaleReceivedFile()
    {
        using var dir = new DeploySim.Tests.Reporting.TempDirectory();
        File.WriteAllText(GoldenFiles.VerifiedPath("s", dir.Path), Verified.Replace("\n", "\r\n", StringComparison.Ordinal));
        File.WriteAllText(GoldenFiles.ReceivedPath("s", dir.Path), "stale");

        GoldenFiles.Verify("s", Verified, dir.Path);

        Assert.That(File.Exists(GoldenFiles.ReceivedPath("s", dir.Path)), Is.False);
    }

    [Test]
    public void Verify_ChangedText_WritesReceivedFileAndFailsWithTheDifference()
    {
        using var dir = new DeploySim.Tests.Reporting.TempDirectory();
        File.WriteAllText(GoldenFiles.VerifiedPath("s", dir.Path), Verified);
        const string received = "{\n  \"a\": 2\n}\n";

        var failure = Assert.Throws<AssertionException>(() => GoldenFiles.Verify("s", received, dir.Path));

        Assert.That(failure!.Message, Does.Contain("  a: 1 -> 2\n"));
        Assert.That(File.ReadAllText(GoldenFiles.ReceivedPath("s", dir.Path)), Is.EqualTo(received));
        Assert.That(File.ReadAllText(GoldenFiles.VerifiedPath("s", dir.Path)), Is.EqualTo(Verified), "the verified file is never changed by a test");
    }

    [Test]
    public void Verify_NoVerifiedFile_WritesReceivedFileAndFails()
    {
        using var dir = new DeploySim.Tests.Reporting.TempDirectory();

        var failure = Assert.Throws<AssertionException>(() => GoldenFiles.Verify("s", Verified, dir.Path));

        Assert.That(failure!.Message, Does.Contain("No golden file yet"));
        Assert.That(File.Exists(GoldenFiles.ReceivedPath("s", dir.Path)), Is.True);
    }
}
