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
            "timeline" => "Every instance over time, coloured by lifecycle event and target state.",
            "memory" => "Memory per instance over time against the instance size: where the OOM killer acts.",
            "rollout-histogram" => "How long the rollout took across replications.",
            "compare-capacity" => "Serving capacity over time, one line per strategy.",
            "compare-metrics" => "The strategies side by side: rollout time, capacity dip, failed and unserved requests, memory, instance-hours.",
            "sweep" => "How the results change with the varied parameters.",
            "plan" => "Instances needed per strategy and instance size.",
            "pipeline" => "The pipeline's stages and actions over time, the critical path marked.",
            _ => file,
        };
    }
}
