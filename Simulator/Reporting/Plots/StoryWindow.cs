using DeploySim.Metrics;

namespace DeploySim.Reporting.Plots;

/// <summary>The span a time plot shows, chosen from the story of the replication: from shortly before the deployment
/// starts until the rollout, the rollback or the recovery has finished (the last lifecycle, Auto Scaling or target
/// state change after the start) and the backlog has drained, never cut at the deployment's end.</summary>
internal readonly record struct StoryWindow(double From, double To)
{
    public double Length => To - From;

    public static StoryWindow Of(ReplicationDetail detail)
    {
        double last = CapacityPlot.EndSeconds(detail);
        foreach (var s in detail.Timeline) last = Math.Max(last, s.Start.TotalSeconds);
        if (detail.DeploymentStart is not { } start) return new(0, Math.Max(last, 1));
        double s0 = start.TotalSeconds;
        double end = detail.DeploymentEnd is null ? last : StoryEnd(detail, s0);   // unfinished: the whole rest of the run
        double pad = Math.Max(60, 0.06 * (end - s0));
        return new(Math.Max(0, s0 - pad), Math.Min(Math.Max(end + pad, s0 + 60), Math.Max(last, s0 + 60)));
    }

    /// <summary>The last moment something happened after <paramref name="start"/>: the deployment's end, the last
    /// span boundary (target state changes count by their start: the last open state runs to the horizon), and the
    /// moment the job backlog was last drained.</summary>
    public static double StoryEnd(ReplicationDetail detail, double start)
    {
        double end = detail.DeploymentEnd?.TotalSeconds ?? start;
        double horizon = detail.Series.Count > 0 ? detail.Series[^1].Time.TotalSeconds : double.PositiveInfinity;
        foreach (var s in detail.Timeline)
        {
            if (s.Start.TotalSeconds >= start) end = Math.Max(end, s.Start.TotalSeconds);
            if (s.Status != "target state" && s.End.TotalSeconds >= start && s.End.TotalSeconds < horizon) end = Math.Max(end, s.End.TotalSeconds);
        }
        var series = detail.Series;
        for (int i = series.Count - 1; i > 0; i--)
        {
            if (series[i - 1].Backlog <= 0) continue;
            if (series[i - 1].Time.TotalSeconds >= start) end = Math.Max(end, series[i].Time.TotalSeconds);
            break;
        }
        return end;
    }
}
