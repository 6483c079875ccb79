using DeploySim.Metrics;
using DeploySim.Model;
using DeploySim.Reporting.Plots;
using DeploySim.Scenarios;
using DeploySim.Tests.Architecture;

namespace DeploySim.Tests.Reporting;

/// <summary>The fleet timeline, memory envelope and story window read from real simulated replications: the figures'
/// data are checked, not only that a file was written.</summary>
public sealed class StoryPlotTests
{
    private static ReplicationDetail Detail(string file, params string[] overrides)
    {
        var s = ScenarioLoader.Load(Path.Combine(LayeringTests.RepositoryRoot(), "scenarios", file), overrides);
        return ScenarioRunner.RunOne(s, 0, detail: true).Detail;
    }

    [Test]
    public void FleetTimeline_BlueGreen_ShowsEveryInstanceWithTheReplacementFleetBelowTheOriginals()
    {
        var detail = Detail("blue-green.yaml");

        var data = FleetTimelineData.From(detail);

        int instances = detail.Timeline.Where(t => t.Instance >= 0).Select(t => t.Instance).Distinct().Count();
        Assert.That(data.Rows, Has.Count.EqualTo(instances), "one row per instance, not the first few");
        Assert.That(data.FirstReplacementRow, Is.GreaterThan(0).And.LessThan(data.Rows.Count), "originals above, replacements below");
        var replacementRows = Enumerable.Range(data.FirstReplacementRow, data.Rows.Count - data.FirstReplacementRow).ToHashSet();
        Assert.That(data.Bars.Where(b => replacementRows.Contains(b.Row) && b.Name == "healthy"), Is.Not.Empty, "the replacements become healthy");
        var labels = data.Markers.Select(m => m.Label).ToList();
        Assert.That(labels, Does.Contain("traffic rerouted").And.Contain("original fleet terminated"));
        var reroute = data.Markers.Single(m => m.Label == "traffic rerouted").Seconds;
        Assert.That(reroute, Is.GreaterThan(detail.DeploymentStart!.Value.TotalSeconds));
        Assert.That(data.Window.To, Is.GreaterThanOrEqualTo(data.Markers.Single(m => m.Label == "original fleet terminated").Seconds), "the story runs to the termination");
    }

    [Test]
    public void FleetTimeline_FailingRollout_MarksTheFailureAndOutlinesTheFailedSpan()
    {
        var detail = Detail("source-article.yaml");

        var data = FleetTimelineData.From(detail);

        Assert.That(data.Bars.Any(b => b.Failed), Is.True);
        Assert.That(data.Markers.Select(m => m.Label), Does.Contain("first failure"));
        using var plot = TimelinePlot.Create("timeline", data);
        Assert.That(plot.Legend.ManualItems.Select(i => i.LabelText), Has.Some.StartsWith("failed"));
    }

    [Test]
    public void FleetTimeline_AboveMaxRows_CountsTargetsPerStateInsteadOfRows()
    {
        var detail = ReportFixtures.Detail(instances: 4);
        var spans = Enumerable.Range(0, FleetTimelineData.MaxRows + 50).SelectMany(i => new[]
        {
            new TimelineSpan(i, "target group api", "healthy", DeploySim.Engine.SimTime.Zero, DeploySim.Engine.SimTime.FromSeconds(3600 + i), "target state"),
            new TimelineSpan(i, "target group api", "draining", DeploySim.Engine.SimTime.FromSeconds(3600 + i), DeploySim.Engine.SimTime.FromSeconds(3700 + i), "target state"),
        }).ToList();

        var data = FleetTimelineData.From(detail with { Timeline = spans });

        Assert.That(data.StateStrip, Is.True);
        Assert.That(data.Instances, Is.EqualTo(FleetTimelineData.MaxRows + 50));
        var healthy = data.Counts.Single(c => c.State == "healthy").Counts;
        var draining = data.Counts.Single(c => c.State == "draining").Counts;
        int at = data.CountTimes.ToList().IndexOf(3600 + 100);
        Assert.That((healthy[0], healthy[at], draining[at]), Is.EqualTo((250, 149, 100)), "at 3,700 s: 149 still healthy, 101 started draining and one finished");
    }

    [Test]
    public void MemoryEnvelope_GracefulRestart_PeaksDuringTheUsr2OverlapAndReturnsToTheBaseline()
    {
        var detail = Detail("graceful-restart.yaml");

        var e = MemoryEnvelope.From(detail);

        double before = e.MaxMiB[0];
        // Two generations side by side (about +24 % of the instance's use: the new workers share 65 % of their pages
        // with their master under preload_app, docs/model.md#copy-on-write).
        Assert.That(e.PeakMiB, Is.GreaterThan(before * 1.15), "two generations of workers side by side");
        Assert.That(e.PeakSeconds, Is.GreaterThan(detail.DeploymentStart!.Value.TotalSeconds).And.LessThanOrEqualTo(detail.DeploymentEnd!.Value.TotalSeconds));
        Assert.That(e.MaxMiB[^1], Is.LessThan(e.PeakMiB), "old masters quit: the peak does not last");
        Assert.That(e.Window.To, Is.GreaterThan(e.PeakSeconds), "the peak is not squeezed into the plot's edge");
        Assert.That(e.MedianMiB.Zip(e.MaxMiB).All(p => p.First <= p.Second + 1e-9), Is.True, "median under max");
        Assert.That(e.InstanceMiB, Is.EqualTo(detail.InstanceMemoryMiB));
        Assert.That(e.HeadroomLineMiB, Is.EqualTo(detail.InstanceMemoryMiB * 0.9), "plan's default 10 % headroom");
    }

    [Test]
    public void MemoryEnvelope_InPlace_MedianHoldsTheFleetsLevelWhileOneInstanceRestarts()
    {
        // One at a time: the first restarted instance starts fresh (lower), so the mean dips; the median of 12 does not.
        var detail = Detail("fast-health-checks.yaml");
        double start = detail.DeploymentStart!.Value.TotalSeconds;

        var first = detail.Series.First(p => p.Time.TotalSeconds >= start && p.MeanMemoryPct < p.MaxMemoryPct - 1e-6);
        Assert.That(first.MedianMemoryPct, Is.EqualTo(first.MaxMemoryPct).Within(1e-9), "11 of 12 instances still at the old level");
        Assert.That(first.MeanMemoryPct, Is.LessThan(first.MedianMemoryPct));

        var e = MemoryEnvelope.From(detail);
        int i = detail.Series.ToList().IndexOf(first);
        Assert.That(e.MedianMiB[i], Is.EqualTo(first.MedianMemoryPct * detail.InstanceMemoryMiB / 100).Within(1e-9), "the plot draws the median");
        var plot = MemoryPlot.Create("memory", e, detail);
        Assert.That(plot.Subplots.GetPlot(0).Legend.GetItems().Select(x => x.LabelText),
            Does.Contain("median across instances").And.Contain($"10 % headroom ({ReportPlotStyle.Whole(e.HeadroomLineMiB)} MiB)"));
    }

    [Test]
    public void MemoryEnvelope_OomKills_AreMarkedAtTheirTimes()
    {
        var detail = Detail("graceful-restart.yaml", "instances.memory=5GiB");

        var e = MemoryEnvelope.From(detail);

        Assert.That(e.OomTimes, Is.Not.Empty, "5 GiB cannot hold two generations");
        Assert.That(e.OomTimes, Is.All.GreaterThanOrEqualTo(detail.DeploymentStart!.Value.TotalSeconds));
    }

    [Test]
    public void StoryWindow_StartsShortlyBeforeTheDeploymentAndEndsAfterIt()
    {
        var detail = Detail("fast-health-checks.yaml");

        var w = StoryWindow.Of(detail);

        double start = detail.DeploymentStart!.Value.TotalSeconds, end = detail.DeploymentEnd!.Value.TotalSeconds;
        double story = StoryWindow.StoryEnd(detail, start);
        Assert.That(story, Is.GreaterThanOrEqualTo(end));
        Assert.That(w.From, Is.LessThan(start).And.GreaterThanOrEqualTo(start - Math.Max(60, 0.1 * (story - start))));
        Assert.That(w.To, Is.GreaterThan(end));
    }
}

/// <summary>The strategy comparison's data from a real compare of the source article (in-place fails every run).</summary>
public sealed class ComparisonPlotTests
{
    [Test]
    public void ComparisonData_SourceArticle_FailedRunsShowAsTimeToFailureNeverAsRolloutTime()
    {
        var s = ScenarioLoader.Load(Path.Combine(LayeringTests.RepositoryRoot(), "scenarios", "source-article.yaml"));
        var runs = new[] { StrategyKind.InPlace, StrategyKind.GracefulRestart }.Select(k =>
        {
            var scenario = (s with { Replications = 6 }).WithFleet(f => f with { Deployment = f.Deployment with { Strategy = k } });
            var run = ScenarioRunner.Run(scenario);
            return (DeploySim.Reporting.ReportNames.Of(k), run.Summary, (IReadOnlyList<ReplicationResult>)run.Replications);
        }).ToList();

        var data = ComparisonData.From(runs);

        var inPlace = data.Strategies[0];
        Assert.That((inPlace.Succeeded, inPlace.SuccessRate), Is.EqualTo((0, 0.0)));
        Assert.That(inPlace.RolloutSeconds.Count, Is.Zero, "no success: no rollout time drawn");
        Assert.That(inPlace.TimeToFailureSeconds.Count, Is.EqualTo(6));
        Assert.That(inPlace.TimeToFailureSeconds.P50, Is.EqualTo(runs[0].Item2["timeToFailureSeconds"].P50).Within(1e-9));
        Assert.That(data.TargetGroups, Is.EqualTo(new[] { "api", "internal-api" }));
        Assert.That(inPlace.MinCapacityPct, Has.Count.EqualTo(2));
        Assert.That(inPlace.MinCapacityPct[1].Worst, Is.EqualTo(runs[0].Item3.Min(r => r.TargetGroups[1].MinServingCapacityPct)));
        var restart = data.Strategies[1];
        Assert.That(restart.RolloutSeconds.Count, Is.EqualTo(restart.Succeeded));
        Assert.That(restart.RolloutSeconds.P10, Is.LessThanOrEqualTo(restart.RolloutSeconds.P50).And.LessThanOrEqualTo(restart.RolloutSeconds.P90));
        Assert.That(restart.MaxPeakMemoryPct, Is.EqualTo(runs[1].Item3.Max(r => r.PeakMemoryPct)));

        var figure = ComparePlots.Metrics("source article", data);
        Assert.That(figure.Subplots.Count, Is.EqualTo(6));
        // Lowest serving capacity per target group is a percentage axis: 0 to 100 % and a little room, never 200 %.
        var capacity = figure.Subplots.GetPlot(2).Axes.GetLimits();
        Assert.That((capacity.Bottom, capacity.Top), Is.EqualTo((0.0, 110.0)).Using<(double, double)>((a, b) => Math.Abs(a.Item1 - b.Item1) < 1e-9 && Math.Abs(a.Item2 - b.Item2) < 1e-9));
        Assert.That(ComparePlots.CapacityAxisTop(data), Is.EqualTo(110).Within(1e-9));
        // A group that gained capacity stretches the axis to what was observed.
        var grown = data with { Strategies = [data.Strategies[0] with { MinCapacityPct = [(150, 120), (100, 90)] }] };
        Assert.That(ComparePlots.CapacityAxisTop(grown), Is.EqualTo(165).Within(1e-9));
    }
}

/// <summary>The capacity band's data from real replications of the source article's blue/green rollout.</summary>
public sealed class CapacityBandTests
{
    [Test]
    public void CapacityBand_SourceArticleBlueGreen_BandsEachGroupAroundItsMedianAndDrawsTheWorstReplication()
    {
        var s = ScenarioLoader.Load(Path.Combine(LayeringTests.RepositoryRoot(), "scenarios", "source-article.yaml"));
        s = (s with { Replications = 8 }).WithFleet(f => f with { Deployment = f.Deployment with { Strategy = StrategyKind.BlueGreen } });
        var run = ScenarioRunner.Run(s);

        var band = CapacityBand.From(BandReplications.Of(s, run.Replications, run.Detail));

        Assert.That(band.Replications, Is.EqualTo(8));
        Assert.That(band.Groups.Select(g => g.Name), Is.EqualTo(new[] { "api", "internal-api" }));
        int worst = run.Replications.OrderBy(r => r.MinServingCapacityPct).ThenByDescending(r => r.FailedRequests + r.UnservedRequests).First().Replication;
        Assert.That(band.HighlightedReplication, Is.EqualTo(worst + 1), "1-based");
        Assert.That(band.HighlightIsWorst, Is.True);
        foreach (var g in band.Groups)
        {
            for (int i = 0; i < band.Times.Length; i++)
                Assert.That(g.P10[i], Is.LessThanOrEqualTo(g.P50[i]).And.LessThanOrEqualTo(g.P90[i]), $"{g.Name} at {band.Times[i]} s");
            Assert.That(g.Demand.Max(), Is.GreaterThan(0));
        }
        Assert.That(band.Times[0], Is.LessThan(run.Detail.DeploymentStart!.Value.TotalSeconds));
        // Replication 1's own trace sampled at the grid equals what the band was built from: the re-run is the run.
        var again = BandReplications.Of(s, run.Replications, run.Detail)[3];
        var (_, detail) = ScenarioRunner.RunOne(s, 3, detail: true);
        Assert.That(again.Detail.Series.Select(p => p.ServingCapacityRps), Is.EqualTo(detail.Series.Select(p => p.ServingCapacityRps)));
        Assert.That(band.Markers.Select(m => m.Label), Has.Some.StartsWith("deployment start"));
    }
}

/// <summary>The sweep's panels: chosen from what varies, success rate always first, "no change" below 0.5 %.</summary>
public sealed class SweepPlotTests
{
    [Test]
    public void Panels_WorkersSweepOfGracefulRestart_SuccessRateFirstThenTheMetricsThatVary()
    {
        var path = Path.Combine(LayeringTests.RepositoryRoot(), "scenarios", "graceful-restart.yaml");
        var rows = new[] { "6", "12" }.Select(w =>
        {
            var s = ScenarioLoader.Load(path, [$"unicorn.workers={w}"]) with { Replications = 3 };
            return new SweepRow([new("unicorn.workers", w)], ScenarioRunner.Run(s).Summary);
        }).ToList();

        var panels = SweepPlots.Panels(rows);

        Assert.That(panels[0].Metric, Is.EqualTo("successRate"));
        Assert.That(panels.Select(p => p.Metric), Does.Contain("peakMemoryPct"), "twice the workers: more memory");
        Assert.That(panels.Skip(1).All(p => p.Varies), Is.True);
        var memory = panels.Single(p => p.Metric == "peakMemoryPct");
        Assert.That(memory.Value, Is.EqualTo(rows.Select(r => r.Summary["peakMemoryPct"].Mean)));
        Assert.That(memory.P10.Zip(memory.P90).All(b => b.First <= b.Second), Is.True);
        Assert.That(SweepPlots.Create("sweep", rows), Is.Not.Null);
    }

    [Test]
    public void Spread_ValuesWithinHalfAPercent_CountAsNoChange()
    {
        Assert.That(SweepPlots.Spread([185.989, 185.990]), Is.LessThan(SweepPlots.NoChange));
        Assert.That(SweepPlots.Spread([180, 186]), Is.GreaterThan(SweepPlots.NoChange));
        Assert.That(SweepPlots.Spread([double.NaN, 3]), Is.Zero);
    }
}

/// <summary>The plan figure's cells: one per strategy and size, unsafe configurations marked.</summary>
public sealed class PlanPlotTests
{
    [Test]
    public void Cells_PlanRows_OnePerStrategyAndSizeWithUnsafeMarked()
    {
        var rows = ReportFixtures.Plan().ToList();
        rows.Add(new PlanRow(StrategyKind.GracefulRestart, 2048, 0, 0, MetricSummary.Of([0]), MetricSummary.Of([0]), MetricSummary.Of([0]), MetricSummary.Of([104.0]), 1.0, "memory above 90 %"));

        var cells = PlanPlot.Cells(rows);

        Assert.That(cells, Has.Count.EqualTo(rows.Count));
        var small = cells.Single(c => c.InstanceMiB == 2048);
        Assert.That((small.Unsafe, small.Group, small.StrategyName), Is.EqualTo((true, 0, "graceful-restart")));
        var row = rows.First(r => r.InstanceMemoryMiB == 8192 && r.Strategy == StrategyKind.BlueGreen);
        var cell = cells.Single(c => c.InstanceMiB == 8192 && c.StrategyName == "blue-green");
        Assert.That((cell.Workers, cell.Instances, cell.PeakMemoryPct, cell.Unsafe), Is.EqualTo((row.MaxSafeWorkers, row.InstancesNeeded, row.PeakMemoryPct.Max, false)));
        Assert.That(PlanPlot.Create("plan", rows).Subplots.Count, Is.EqualTo(2));
    }
}

/// <summary>The recovery figure's lanes from a real compare of the bad-revision scenario.</summary>
public sealed class RecoveryPlotTests
{
    [Test]
    public void Lanes_BadRevisionInPlace_DetectBeforeRecoverPerStrategy()
    {
        var s = ScenarioLoader.Load(Path.Combine(LayeringTests.RepositoryRoot(), "scenarios", "bad-revision-in-place.yaml")) with { Replications = 4 };
        var runs = new[] { StrategyKind.InPlace, StrategyKind.BlueGreen }.Select(k =>
        {
            var run = DeploySim.Running.Runner.Run(s.WithEachFleet(f => f with { Deployment = f.Deployment with { Strategy = k } }));
            return (DeploySim.Reporting.ReportNames.Of(k), run.Replications);
        }).ToList();

        var lanes = RecoveryPlot.Lanes(runs);

        Assert.That(lanes, Is.Not.Null.And.Count.EqualTo(2));
        foreach (var (lane, run) in lanes!.Zip(runs))
        {
            Assert.That(lane.DetectP50, Is.EqualTo(ComparisonData.Band.Of(run.Item2.Select(r => r.TimeToDetectSeconds)).P50));
            if (double.IsFinite(lane.RecoverP50)) Assert.That(lane.RecoverP50, Is.GreaterThanOrEqualTo(lane.DetectP50), lane.Strategy);
            Assert.That(lane.FailedRequests, Is.EqualTo(run.Item2.Average(r => r.BadRevisionFailedRequests)));
        }
        Assert.That(RecoveryPlot.Lanes([("x", ReportFixtures.Results(3))]), Is.Null, "no bad revision: no figure");
    }
}
