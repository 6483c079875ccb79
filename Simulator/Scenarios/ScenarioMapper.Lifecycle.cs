using DeploySim.Engine;

namespace DeploySim.Scenarios;

// Termination lifecycle hooks, CodeDeploy's termination hook and the warm pool (docs/model.md#termination-lifecycle-hooks,
// docs/model.md#termination-hook, docs/model.md#warm-pools).
internal static partial class ScenarioMapper
{
    /// <summary>Auto Scaling allows 50 lifecycle hooks per group.</summary>
    private const int MaxLifecycleHooks = 50;

    /// <summary><c>autoScaling.terminationHooks: [{ name, heartbeatTimeout, completeAfter }]</c>.</summary>
    private static List<TerminationHookSpec> TerminationHooks(ObjectReader r)
    {
        var hooks = new List<TerminationHookSpec>();
        if (r.Sequence("terminationHooks", "termination lifecycle hooks {name, heartbeatTimeout, completeAfter}") is not { } seq) return hooks;
        var d = new TerminationHookSpec();
        for (int i = 0; i < seq.Items.Count; i++)
        {
            if (Item(r, "terminationHooks", seq, i, "terminationHook") is not { } h) continue;
            string name = h.Text("name") ?? $"hook-{i + 1}";
            if (hooks.Any(x => x.Name == name)) h.Error("name", $"duplicate termination hook name '{name}'");
            hooks.Add(new TerminationHookSpec
            {
                Name = name,
                HeartbeatTimeout = h.Duration("heartbeatTimeout", d.HeartbeatTimeout, DurationRange.AwsSeconds(30, 7200)),
                CompleteAfter = h.Get("completeAfter") is null ? null : h.Distribution("completeAfter", Distribution.Constant(0)),
            });
        }
        if (hooks.Count > MaxLifecycleHooks)
            r.Error("terminationHooks", $"{hooks.Count} hooks: Auto Scaling allows at most {MaxLifecycleHooks} lifecycle hooks per group");
        return hooks;
    }

    /// <summary><c>deployment.terminationHookEnabled</c>: not in era 2018 (December 2023, docs/model.md#aws-eras).</summary>
    private static bool TerminationHookEnabled(ObjectReader r, Era era)
    {
        bool enabled = r.Bool("terminationHookEnabled", false);
        if (enabled && !EraRules.HasTerminationHook(era))
            r.Error("terminationHookEnabled", $"the termination hook does not exist in era {EraRules.Name(era)}: CodeDeploy added it in December 2023 (docs/model.md#aws-eras); use era: current");
        return enabled;
    }

    /// <summary><c>autoScaling.warmPool: { poolState, minSize, maxGroupPreparedCapacity, reuseOnScaleIn, startTime }</c>
    /// (PutWarmPool; maxGroupPreparedCapacity -1 clears it, docs/model.md#warm-pools).</summary>
    private static WarmPoolSpec? WarmPool(ObjectReader? r)
    {
        if (r is null) return null;
        string range = $"allowed 0 to {MaxInstances} (simulator limit)";
        var state = r.Keyword("poolState", WarmPoolState.Stopped, ScenarioFormat.PoolState);
        int? prepared = r.OptionalInt("maxGroupPreparedCapacity", -1, MaxInstances, $"allowed -1 (the group's maximum) to {MaxInstances}");
        return new WarmPoolSpec
        {
            PoolState = state,
            MinSize = r.Int("minSize", 0, 0, MaxInstances, range),
            MaxGroupPreparedCapacity = prepared is null or -1 ? null : prepared,
            ReuseOnScaleIn = r.Bool("reuseOnScaleIn", false),
            StartTime = r.Distribution("startTime", WarmPoolSpec.DefaultStartTime(state)),
        };
    }
}
