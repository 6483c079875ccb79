using DeploySim.Scenarios;
using static DeploySim.Import.ScenarioImporter;

namespace DeploySim.Import;

// Termination: the group's own terminate lifecycle hooks (describe-lifecycle-hooks, autoscaling:EC2_INSTANCE_TERMINATING)
// → autoScaling.terminationHooks, and CodeDeploy's termination hook (the deployment group's terminationHookEnabled and
// its autoScalingGroups[].terminationHook) → deployment.terminationHookEnabled / terminationHookTimeout
// (docs/model.md#termination-lifecycle-hooks, docs/model.md#termination-hook).
internal sealed partial class ImportContext
{
    internal const string TerminatingTransition = "autoscaling:EC2_INSTANCE_TERMINATING";

    /// <summary>The launch hook's documented name begins so; CodeDeploy names its termination hook alike (inference),
    /// which identifies it when the deployment group's output does not name it.</summary>
    private const string CodeDeployManagedPrefix = "CodeDeploy-managed-";

    /// <summary>The lifecycle hooks of the fleet's Auto Scaling group (all of them when the output names no group).</summary>
    private List<LifecycleHookOutput> GroupHooks() =>
        [.. (_hooks ?? []).Where(h => _asg is null || h.GroupName is null || h.GroupName == _asg.Name)];

    /// <summary>CodeDeploy's termination hook among the group's hooks: the one the deployment group names, else a
    /// terminate hook named like CodeDeploy's managed hooks.</summary>
    private LifecycleHookOutput? CodeDeployTerminationHook()
    {
        string? named = _group?.AutoScalingGroups.FirstOrDefault(a => _asg is null || a.Name == _asg.Name).TerminationHook;
        var terminating = GroupHooks().Where(h => h.Transition == TerminatingTransition).ToList();
        return named is not null
            ? terminating.FirstOrDefault(h => h.Name == named)
            : terminating.FirstOrDefault(h => h.Name.StartsWith(CodeDeployManagedPrefix, StringComparison.Ordinal));
    }

    /// <summary><c>autoScaling.terminationHooks</c>: every terminate hook of the group but CodeDeploy's, with its
    /// heartbeat. What completes a hook (a Lambda function, a script) is not in any input, so none gets
    /// <c>completeAfter</c>: each waits out its heartbeat, and a note says how to change that.</summary>
    private void TerminationHooks(YamlLines y)
    {
        if (_fleet.TagBased || _hooks is null) return;
        var codeDeploys = CodeDeployTerminationHook();
        var hooks = GroupHooks().Where(h => h.Transition == TerminatingTransition && h != codeDeploys).ToList();
        if (hooks.Count == 0)
        {
            y.Key(_i + 2, "terminationHooks", "[]", "describe-lifecycle-hooks: no terminate hook of the group's own");
            return;
        }
        var d = new TerminationHookSpec();
        y.Key(_i + 2, "terminationHooks", comment: "describe-lifecycle-hooks: autoscaling:EC2_INSTANCE_TERMINATING");
        foreach (var h in hooks)
        {
            y.Item(_i + 4, "name", YamlText.Str(h.Name), "LifecycleHookName");
            y.Key(_i + 6, "heartbeatTimeout", h.HeartbeatTimeout is { } t ? YamlText.Seconds(t) : YamlText.Duration(d.HeartbeatTimeout),
                h.HeartbeatTimeout is null ? Default + " (Auto Scaling's)" : "HeartbeatTimeout; no completeAfter: what completes the hook is not in the inputs");
        }
        Note($"termination hook{(hooks.Count == 1 ? "" : "s")} {string.Join(", ", hooks.Select(h => h.Name))}: what completes "
            + $"{(hooks.Count == 1 ? "it" : "them")} (a Lambda function, a script) is not in the inputs, so every terminating instance waits out the heartbeat; "
            + "set autoScaling.terminationHooks[].completeAfter to how long the hook's work takes");
    }

    /// <summary><c>deployment.terminationHookEnabled</c> from the deployment group, and <c>terminationHookTimeout</c>
    /// from the heartbeat of CodeDeploy's hook when describe-lifecycle-hooks shows it.</summary>
    private void TerminationHook(YamlLines y)
    {
        var d = new DeploymentSpec();
        bool enabled = _group?.TerminationHookEnabled == true;
        if (enabled && _fleet.TagBased)
        {
            Note("terminationHookEnabled: the deployment group has no Auto Scaling group, so there is no termination hook to install");
            enabled = false;
        }
        y.Key(_i + 2, "terminationHookEnabled", YamlText.Bool(enabled), _group is null ? Default + ": no --deployment-group"
            : _group.TerminationHookEnabled ? "terminationHookEnabled" : "terminationHookEnabled false or absent");
        if (!enabled) return;
        var hook = CodeDeployTerminationHook();
        y.Key(_i + 2, "terminationHookTimeout", hook?.HeartbeatTimeout is { } t ? YamlText.Seconds(t) : YamlText.Duration(d.TerminationHookTimeout),
            hook?.HeartbeatTimeout is not null ? $"HeartbeatTimeout of {hook.Name}"
            : Default + " (an assumption: AWS documents no value" + (_hooks is null ? "; --lifecycle-hooks would show the hook's heartbeat)" : ")"));
    }
}
