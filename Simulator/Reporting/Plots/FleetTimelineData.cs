using DeploySim.Metrics;

namespace DeploySim.Reporting.Plots;

/// <summary>What the fleet timeline draws, computed from one replication's trace: one row per instance (originals
/// first, then instances launched after the deployment started), bars for target states (lower half of a row) and
/// events (upper half), the story's markers, and above <see cref="MaxRows"/> instances a count of instances per
/// target state over time instead of rows.</summary>
internal sealed record FleetTimelineData
{
    /// <summary>Above this many instances the rows give way to a state-count strip.</summary>
    public const int MaxRows = 200;

    public required StoryWindow Window { get; init; }
    /// <summary>Instance ids, top to bottom; empty when <see cref="Counts"/> is drawn instead.</summary>
    public required IReadOnlyList<int> Rows { get; init; }
    /// <summary>Rows from this index on hold the instances launched after the deployment started (the replacement fleet
    /// of a blue/green deployment, a scale-out's new instances); equals the row count when there are none.</summary>
    public required int FirstReplacementRow { get; init; }
    public required int Instances { get; init; }
    public required IReadOnlyList<Bar> Bars { get; init; }
    /// <summary>Vertical markers: deployment start and end, traffic rerouted, original fleet terminated, alarm, failure.</summary>
    public required IReadOnlyList<(string Label, double Seconds)> Markers { get; init; }
    /// <summary>The state-count strip: times (seconds) and, per target state, how many targets were in it from that time.</summary>
    public required IReadOnlyList<double> CountTimes { get; init; }
    public required IReadOnlyList<(string State, int[] Counts)> Counts { get; init; }

    /// <summary>One bar: a row (index into <see cref="Rows"/>), a span in seconds, its name, whether it is a target
    /// state (drawn in the lower half) and whether it failed.</summary>
    public readonly record struct Bar(int Row, double From, double To, string Name, bool TargetState, bool Failed);

    public bool StateStrip => Rows.Count == 0 && Instances > 0;

    public static FleetTimelineData From(ReplicationDetail detail)
    {
        var window = StoryWindow.Of(detail);
        var spans = detail.Timeline.Where(s => s.Instance >= 0).ToList();
        var firstSeen = new Dictionary<int, double>();
        foreach (var s in spans)
            firstSeen[s.Instance] = Math.Min(firstSeen.GetValueOrDefault(s.Instance, double.PositiveInfinity), s.Start.TotalSeconds);
        double start = detail.DeploymentStart?.TotalSeconds ?? double.PositiveInfinity;
        var originals = firstSeen.Where(kv => kv.Value < start).Select(kv => kv.Key).Order().ToList();
        var replacements = firstSeen.Where(kv => kv.Value >= start).Select(kv => kv.Key).Order().ToList();
        var markers = FindMarkers(detail, spans, originals, replacements);
        if (firstSeen.Count > MaxRows)
        {
            var (times, counts) = StateCounts(spans);
            return new FleetTimelineData
            {
                Window = window, Rows = [], FirstReplacementRow = 0, Instances = firstSeen.Count, Bars = [], Markers = markers,
                CountTimes = times, Counts = counts,
            };
        }
        var rows = originals.Concat(replacements).ToList();
        var rowOf = rows.Select((id, i) => (id, i)).ToDictionary(p => p.id, p => p.i);
        var bars = spans.Select(s => new Bar(rowOf[s.Instance], s.Start.TotalSeconds, s.End.TotalSeconds, s.Name,
            s.Status == "target state", TimelinePlot.IsFailure(s.Status))).ToList();
        return new FleetTimelineData
        {
            Window = window, Rows = rows, FirstReplacementRow = originals.Count, Instances = rows.Count, Bars = bars, Markers = markers,
            CountTimes = [], Counts = [],
        };
    }

    private static List<(string, double)> FindMarkers(ReplicationDetail detail, List<TimelineSpan> spans, List<int> originals, List<int> replacements)
    {
        var markers = new List<(string, double)>();
        if (detail.DeploymentStart is { } s) markers.Add(("deployment start", s.TotalSeconds));
        var original = originals.ToHashSet();
        if (replacements.Count > 0)
        {
            var drain = spans.Where(x => original.Contains(x.Instance) && x.Name == "draining" && x.Start >= (detail.DeploymentStart ?? default)).ToList();
            if (drain.Count > 0) markers.Add(("traffic rerouted", drain.Min(x => x.Start.TotalSeconds)));
            var ended = spans.Where(x => original.Contains(x.Instance) && x.Name == "terminate").ToList();
            if (ended.Count > 0) markers.Add(("original fleet terminated", ended.Max(x => x.Start.TotalSeconds)));
        }
        var alarm = detail.Timeline.FirstOrDefault(x => x.Lane == ReplicationDetail.AlarmLane);
        if (alarm.Lane is not null) markers.Add(("alarm", alarm.Start.TotalSeconds));
        var failed = spans.Where(x => TimelinePlot.IsFailure(x.Status)).ToList();
        if (failed.Count > 0) markers.Add(("first failure", failed.Min(x => x.End.TotalSeconds)));
        if (detail.DeploymentEnd is { } e) markers.Add(("deployment end", e.TotalSeconds));
        return markers;
    }

    /// <summary>How many targets are in each target state over time (a target in two groups counts in each).</summary>
    private static (double[] Times, List<(string, int[])> Counts) StateCounts(List<TimelineSpan> spans)
    {
        var states = spans.Where(s => s.Status == "target state").ToList();
        var times = states.SelectMany(s => new[] { s.Start.TotalSeconds, s.End.TotalSeconds }).Distinct().Order().ToArray();
        var counts = new List<(string, int[])>();
        foreach (var name in StatePalette.TargetStates)
        {
            var delta = new int[times.Length];
            bool any = false;
            foreach (var s in states.Where(x => x.Name == name))
            {
                delta[Array.BinarySearch(times, s.Start.TotalSeconds)]++;
                delta[Array.BinarySearch(times, s.End.TotalSeconds)]--;
                any = true;
            }
            if (!any) continue;
            for (int i = 1; i < delta.Length; i++) delta[i] += delta[i - 1];
            counts.Add((name, delta));
        }
        return (times, counts);
    }
}
