namespace DeploySim.Reporting.Html;

/// <summary>What each plot shows, said once for the report: keyed by the plot's file name.</summary>
internal static class PlotCaptions
{
    public static string For(string name)
    {
        string file = name[(name.LastIndexOf('/') + 1)..];
        string prefix = name.Length > file.Length ? name[..^(file.Length + 1)] + ": " : "";
        return prefix + file switch
        {
            "capacity" => "Serving capacity (requests or jobs per second) against demand over time, the deployment marked.",
            "capacity-band" => "Serving capacity per target group across replications (p10–p90 band, p50, worst replication) against the group's demand.",
            "timeline" => "Every instance over time: target state in the lower half of a row, lifecycle and Auto Scaling events in the upper half; the replacement fleet below the originals.",
            "memory" => "Memory across instances (max and mean) against the instance size, OOM kills marked; the headroom the peak leaves.",
            "rollout-histogram" => "How long the rollout took across replications.",
            "compare-capacity" => "Serving capacity over time, one line per strategy.",
            "compare-metrics" => "The strategies side by side: success rate, rollout time of successes and time to failure (p10–p50–p90), lowest capacity per target group, failed and unserved requests, peak memory, instance-hours.",
            "sweep" => "How the results change with the varied parameters.",
            "plan" => "Per instance size and strategy: the largest safe unicorn worker count (with the peak memory its rollout reached) and the instances needed at it; unsafe configurations marked.",
            "recovery" => "Per strategy, from the bad revision's first request: until the alarm (red), until no instance serves it (amber), with the requests it failed.",
            "pipeline" => "The pipeline's stages and actions over time, the critical path marked.",
            _ => file,
        };
    }
}
