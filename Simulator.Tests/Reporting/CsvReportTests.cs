using System.Globalization;
using System.Reflection;
using DeploySim.Metrics;
using DeploySim.Reporting;
using DeploySim.Scenarios;

namespace DeploySim.Tests.Reporting;

public sealed class CsvReportTests
{
    private const string StatsHeader = "mean,p50,p90,p99,min,max";

    private static string Text(Action<Stream> write)
    {
        using var stream = new MemoryStream();
        write(stream);
        return AtomicFile.Utf8.GetString(stream.ToArray());
    }

    private static string[] Lines(string csv)
    {
        Assert.That(csv, Does.Not.Contain("\r"), "LF line endings");
        Assert.That(csv, Does.EndWith("\n"));
        return csv[..^1].Split('\n');
    }

    private static double Number(string field) => double.Parse(field, NumberStyles.Float, CultureInfo.InvariantCulture);

    [Test]
    public void Summary_Run_OneRowPerMetricThenPerPhase()
    {
        var summary = ReportFixtures.Summary();

        var lines = Lines(Text(s => CsvReport.Summary(s, summary)));

        Assert.That(lines[0], Is.EqualTo("metric," + StatsHeader));
        Assert.That(lines.Skip(1).Select(l => l.Split(',')[0]), Is.EqualTo(
            RunSummary.MetricNames.Prepend("successRate").Concat(ReportFixtures.InPlaceEvents.Select(e => "phaseSeconds." + e))));
        Assert.That(lines[1], Is.EqualTo("successRate,0.8,,,,,"), "the success rate beside the rollout time");
        var rollout = lines[2].Split(',');
        Assert.That(rollout.Skip(1).Select(Number), Is.EqualTo(new[]
        {
            summary["rolloutSeconds"].Mean, summary["rolloutSeconds"].P50, summary["rolloutSeconds"].P90,
            summary["rolloutSeconds"].P99, summary["rolloutSeconds"].Min, summary["rolloutSeconds"].Max,
        }));
    }

    [Test]
    public void Replications_TenResults_HeaderHasEveryFieldAndOneColumnPerLifecycleEvent()
    {
        var results = ReportFixtures.Results(10);

        var lines = Lines(Text(s => CsvReport.Replications(s, results)));

        var expected = new[]
        {
            "replication", "outcome", "failureReason", "rolloutSeconds", "timeToFailureSeconds", "minServingCapacityPct", "unservedRequests", "failedRequests",
            "servedRequests", "demandRequests", "peakInstances", "instanceHours", "rolloutInstanceHours", "peakMemoryPct", "oomKills", "rolloutPeakMemoryPct", "rolloutOomKills", "launches",
            "abandonedLaunches", "staleInstances", "unfinishedInstances", "timeToDetectSeconds", "timeToRecoverSeconds", "badRevisionFailedRequests", "peakBacklog", "jobWaitP50Seconds", "jobWaitP99Seconds", "maxJobWaitSeconds", "scaleOutToServingP50Seconds", "maxScaleOutToServingSeconds", "warmPoolInstanceHours", "eventsProcessed", "targetGroups", "traceFingerprint", "stopReason",
        }.Concat(Enum.GetNames<LifecycleEvent>().Select(e => "phaseSeconds." + e));
        Assert.That(lines[0].Split(','), Is.EqualTo(expected));
        Assert.That(lines, Has.Length.EqualTo(11));
        var header = lines[0].Split(',');
        var row1 = lines[2].Split(',');
        var row4 = lines[5].Split(',');
        string Field(string[] row, string column) => row[Array.IndexOf(header, column)];
        Assert.That(Field(row1, "replication"), Is.EqualTo("2"), "the second replication: numbered from 1 in every file");
        Assert.That(Field(row1, "outcome"), Is.EqualTo("succeeded"));
        Assert.That(Field(row4, "outcome"), Is.EqualTo("failed"));
        Assert.That(Field(row4, "failureReason"), Is.EqualTo("SCRIPT_FAILED"));
        Assert.That(Number(Field(row4, "timeToFailureSeconds")), Is.EqualTo(642));
        Assert.That(Field(row1, "failureReason"), Is.Empty);
        Assert.That(Field(row1, "timeToFailureSeconds"), Is.Empty);
        Assert.That(Number(Field(row1, "rolloutSeconds")), Is.EqualTo(1837.25));
        Assert.That(Field(row1, "traceFingerprint"), Is.EqualTo("0123456789abcdf0"));
        Assert.That(Field(row1, "stopReason"), Is.EqualTo("horizon"));
        Assert.That(Field(row1, "phaseSeconds.AfterBlockTraffic"), Is.Empty, "did not run in odd replications");
        Assert.That(Number(Field(row1, "phaseSeconds.AllowTraffic")), Is.EqualTo(95.5));
    }

    [Test]
    public void ReplicationRow_Columns_CoverEveryReplicationResultProperty()
    {
        var results = ReportFixtures.Results(1);
        var header = Lines(Text(s => CsvReport.Replications(s, results)))[0].Split(',');

        var missing = typeof(ReplicationResult).GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Select(p => char.ToLowerInvariant(p.Name[0]) + p.Name[1..])
            .Where(name => !header.Any(h => h == name || h.StartsWith(name + ".", StringComparison.Ordinal)))
            .ToList();

        Assert.That(missing, Is.Empty);
    }

    [Test]
    public void PhaseColumns_Properties_AreTheLifecycleEventsInOrder()
    {
        var names = typeof(PhaseColumns).GetProperties().Select(p => p.Name);

        Assert.That(names, Is.EqualTo(Enum.GetNames<LifecycleEvent>()));
    }

    [Test]
    public void Timeline_Detail_OneRowPerSpanOrderedByInstanceAndStart()
    {
        var detail = ReportFixtures.Detail(instances: 3);

        var lines = Lines(Text(s => CsvReport.Timeline(s, detail)));

        Assert.That(lines[0], Is.EqualTo("replication,instance,lane,name,startSeconds,endSeconds,status"));
        Assert.That(lines, Has.Length.EqualTo(detail.Timeline.Count + 1));
        var rows = lines.Skip(1).Select(l => l.Split(',')).ToList();
        Assert.That(rows.Select(r => (int.Parse(r[1], CultureInfo.InvariantCulture), Number(r[4]))), Is.Ordered);
        Assert.That(rows[0], Is.EqualTo(new[] { "1", "0", "state", "InService", "0", "3600", "Succeeded" }));
        Assert.That(rows, Has.Some.EqualTo(new[] { "1", "2", "deployment", "ValidateService", "4947", "4967", "Failed" }));
    }

    [Test]
    public void SeriesAndMemory_Detail_HeaderAndOneRowPerPoint()
    {
        var detail = ReportFixtures.Detail();

        var series = Lines(Text(s => CsvReport.Series(s, detail)));
        var memory = Lines(Text(s => CsvReport.Memory(s, detail)));

        Assert.That(series[0], Is.EqualTo("replication,timeSeconds,servingCapacityRps,demandRps,instances,inServiceInstances,maxMemoryPct,meanMemoryPct,medianMemoryPct,backlog,queuedRequests,latencyP50Ms,latencyP99Ms,failedRequests"));
        Assert.That(series, Has.Length.EqualTo(detail.Series.Count + 1));
        Assert.That(series[1], Is.EqualTo("1,0,200,140,4,4,40,38,0,0,,,,0"), "no latency model: its columns are empty");
        Assert.That(memory[0], Is.EqualTo("replication,timeSeconds,instance,memoryMiB"));
        Assert.That(memory, Has.Length.EqualTo(detail.Memory.Count + 1));
    }

    [Test]
    public void CompareSummary_EveryStrategy_StrategyColumnFirst()
    {
        var summaries = Enum.GetValues<StrategyKind>().Select(s => ReportFixtures.Summary(strategy: s)).ToList();

        var lines = Lines(Text(s => CsvReport.CompareSummary(s, summaries)));

        Assert.That(lines[0], Is.EqualTo("strategy,metric," + StatsHeader));
        Assert.That(lines, Has.Length.EqualTo(1 + 4 * (1 + RunSummary.MetricNames.Length + ReportFixtures.InPlaceEvents.Length)));
        Assert.That(lines.Skip(1).Select(l => l.Split(',')[0]).Distinct(), Is.EqualTo(new[] { "in-place", "blue-green", "graceful-restart", "instance-refresh" }));
    }

    [Test]
    public void SweepSummary_TwoParameters_OneColumnPerParameterThenSummaryColumns()
    {
        var rows = ReportFixtures.Sweep(["unicorn.workers=4", "asg.maxSize=6"], ["unicorn.workers=8", "asg.maxSize=-1"]);

        var lines = Lines(Text(s => CsvReport.SweepSummary(s, rows)));

        Assert.That(lines[0], Is.EqualTo("unicorn.workers,asg.maxSize,metric," + StatsHeader));
        int perRun = 1 + RunSummary.MetricNames.Length + ReportFixtures.InPlaceEvents.Length;
        Assert.That(lines, Has.Length.EqualTo(1 + 2 * perRun));
        Assert.That(lines[1], Does.StartWith("4,6,successRate,"));
        Assert.That(lines[2], Does.StartWith("4,6,rolloutSeconds,"));
        Assert.That(lines[2 + perRun], Does.StartWith("8,-1,rolloutSeconds,"), "text values are written as they are");
    }

    [Test]
    public void Plan_Rows_OneRowPerStrategyAndSizeWithPrefixedStatistics()
    {
        var rows = ReportFixtures.Plan();

        var lines = Lines(Text(s => CsvReport.Plan(s, rows)));

        string Stats(string prefix) => string.Join(',', StatsHeader.Split(',').Select(c => prefix + "." + c));
        Assert.That(lines[0], Is.EqualTo("strategy,instanceMemoryMiB,maxSafeWorkers,instancesNeeded," +
            $"{Stats("peakInstances")},{Stats("instanceHoursPerRollout")},{Stats("rolloutSeconds")},{Stats("peakMemoryPct")},successRate,outcome"));
        Assert.That(lines, Has.Length.EqualTo(rows.Count + 1));
        Assert.That(lines[1], Does.StartWith($"in-place,4096,{rows[0].MaxSafeWorkers},{rows[0].InstancesNeeded},"));
    }

    [Test]
    public void AllFiles_TwiceAndUnderACommaCulture_AreByteIdentical()
    {
        var summary = ReportFixtures.Summary(scale: 1.1);
        var results = ReportFixtures.Results(10, scale: 1.1);
        var detail = ReportFixtures.Detail(stretch: 1.37);
        var sweep = ReportFixtures.Sweep(["a=0.5"], ["a=1.5"]);
        var plan = ReportFixtures.Plan();
        string All() => string.Join("\u0000",
            Text(s => CsvReport.Summary(s, summary)), Text(s => CsvReport.Replications(s, results)),
            Text(s => CsvReport.Timeline(s, detail)), Text(s => CsvReport.Series(s, detail)), Text(s => CsvReport.Memory(s, detail)),
            Text(s => CsvReport.CompareSummary(s, [summary])), Text(s => CsvReport.SweepSummary(s, sweep)), Text(s => CsvReport.Plan(s, plan)));

        var first = All();
        var second = All();
        var underComma = CommaCulture.Run(All);

        Assert.That(second, Is.EqualTo(first));
        Assert.That(underComma, Is.EqualTo(first));
        Assert.That(first, Does.Contain(",12.75,"), "decimal points, not commas");
    }
}
