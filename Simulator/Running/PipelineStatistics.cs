using DeploySim.Metrics;
using DeploySim.Pipelines;
using DeploySim.Scenarios;

namespace DeploySim.Running;

/// <summary>A pipeline's statistics over replications: each stage and action, and the critical path.</summary>
public static class PipelineStatistics
{
    /// <summary>Each stage's and action's statistics (empty without a pipeline).</summary>
    public static IReadOnlyList<StageSummary> Stages(Scenario scenario, IReadOnlyList<ScenarioReplication> replications)
    {
        if (scenario.Pipeline is not { } pipeline) return [];
        var stages = new StageSummary[pipeline.Stages.Count];
        for (int s = 0; s < stages.Length; s++)
        {
            var runs = replications.Select(r => r.Stages[s]).ToArray();
            var actions = new ActionSummary[pipeline.Stages[s].Actions.Count];
            for (int a = 0; a < actions.Length; a++)
            {
                var ar = runs.Select(x => x.Actions[a]).ToArray();
                actions[a] = new ActionSummary(ar[0].Name, ar[0].Kind, ar[0].Fleet, Stats(ar.Select(x => x.DurationSeconds)),
                    ar.Count(x => x.Status == ActionStatus.Succeeded), ar.Count(x => x.Status == ActionStatus.Failed),
                    ar.Count(x => x.Status == ActionStatus.Unfinished), ar.Count(x => x.Status == ActionStatus.NotRun));
            }
            stages[s] = new StageSummary(pipeline.Stages[s].Name, Stats(runs.Select(x => x.DurationSeconds)),
                runs.Count(x => x.Start is not null), runs.Count(x => x.Status == ActionStatus.Succeeded),
                runs.Count(x => x.Status == ActionStatus.Failed), runs.Count(x => x.Status == ActionStatus.Unfinished), actions);
        }
        return stages;
    }

    /// <summary>Which fleet decided the merge-to-live time; null without a pipeline.</summary>
    public static CriticalPathSummary? CriticalPath(Scenario scenario, IReadOnlyList<ScenarioReplication> replications)
    {
        if (scenario.Pipeline is not { } pipeline) return null;
        var names = FleetScenarios.Names(scenario);
        var deployed = pipeline.Stages.SelectMany(s => s.Actions).Where(a => a.Kind == PipelineActionKind.Deploy)
            .Select(a => a.Fleet ?? names[0]).ToHashSet(StringComparer.Ordinal);
        var counts = names.Where(deployed.Contains)
            .Select(n => new KeyValuePair<string, int>(n, replications.Count(r => r.CriticalFleet == n)))
            .ToArray();
        var top = counts.Where(c => c.Value > 0).OrderByDescending(c => c.Value).Select(c => c.Key).FirstOrDefault();
        return new CriticalPathSummary(top, counts, replications.Count(r => r.CriticalFleet is null));
    }

    /// <summary>Statistics over the finite values; NaN statistics (JSON null) when there are none.</summary>
    public static MetricSummary Stats(IEnumerable<double> values)
    {
        var finite = values.Where(double.IsFinite).ToArray();
        return finite.Length == 0 ? new MetricSummary(double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN) : MetricSummary.Of(finite);
    }
}
