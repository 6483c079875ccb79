using DeploySim.Engine;
using DeploySim.Reporting;
using DeploySim.Scenarios;

namespace DeploySim.Import;

/// <summary>The files <c>deploysim import</c> reads (any subset) and the scenario it writes.</summary>
internal sealed record ImportRequest
{
    /// <summary>describe-auto-scaling-groups outputs (<c>--asg</c>, repeatable): every group they describe.</summary>
    public IReadOnlyList<string> AutoScalingGroups { get; init; } = [];
    public string? LifecycleHooks { get; init; }
    public string? TargetGroups { get; init; }
    /// <summary><c>NAME=FILE</c> pairs: the attributes output does not name its target group. NAME is the group's name or ARN.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> TargetGroupAttributes { get; init; } = [];
    public string? DeploymentGroup { get; init; }
    public string? DeploymentConfig { get; init; }
    /// <summary><c>--alarms</c>: <c>aws cloudwatch describe-alarms</c>, the definitions of the deployment groups' alarms.</summary>
    public string? Alarms { get; init; }
    public string? AppSpec { get; init; }
    /// <summary><c>--appspec-file</c>: reference the appspec as a file next to the output instead of writing it inline.</summary>
    public bool AppSpecFile { get; init; }
    public required string Out { get; init; }
}

/// <summary>What <c>deploysim import</c> wrote, and what it could not carry over.</summary>
/// <remarks>Problems: what <c>validate</c> reports of the written scenario and import keeps (HEALTH_CONSTRAINTS_INVALID:
/// the imported configuration is the account's reality), as <c>validate</c> prints them.</remarks>
internal sealed record ImportResult(string ScenarioPath, string? AppSpecCopy, string Text, IReadOnlyList<string> Notes, IReadOnlyList<ScenarioError> Problems);

/// <summary>Turns saved AWS CLI outputs and an appspec.yml into a scenario file (see <see cref="Build"/> for the mapping).</summary>
/// <remarks>
/// Field by field (AWS field → scenario):
/// <list type="bullet">
/// <item>describe-auto-scaling-groups: MinSize, MaxSize, DesiredCapacity → autoScaling; HealthCheckType (a comma-separated
/// list: any list naming ELB is ELB), HealthCheckGracePeriod;
/// TerminationPolicies OldestInstance/NewestInstance → terminationOrder; TargetGroupARNs → which target groups the group
/// registers with (the names are read from the ARNs); LoadBalancerNames (Classic) → target groups with default checks.</item>
/// <item>describe-lifecycle-hooks: CodeDeploy's launch hook (autoscaling:EC2_INSTANCE_LAUNCHING, named by the deployment
/// group or CodeDeploy-managed-automatic-launch-deployment-hook-*) → autoScaling.launchHook (HeartbeatTimeout,
/// GlobalTimeout, DefaultResult); none there → launchHook.enabled false. Terminate hooks
/// (autoscaling:EC2_INSTANCE_TERMINATING) other than CodeDeploy's → autoScaling.terminationHooks (HeartbeatTimeout; what
/// completes a hook is not in the inputs, so none has completeAfter); CodeDeploy's (named by the deployment group's
/// terminationHook, or CodeDeploy-managed-*) gives deployment.terminationHookTimeout its HeartbeatTimeout
/// (ImportContext.Termination.cs).</item>
/// <item>describe-target-groups: TargetGroupName, HealthCheckIntervalSeconds, HealthCheckTimeoutSeconds,
/// HealthyThresholdCount, UnhealthyThresholdCount → targetGroups[].healthCheck.</item>
/// <item>describe-target-group-attributes: deregistration_delay.timeout_seconds → deregistrationDelay,
/// slow_start.duration_seconds → slowStart.</item>
/// <item>get-deployment-group: deploymentStyle → deployment.strategy (and no managed target groups without traffic
/// control); loadBalancerInfo.targetGroupInfoList (and elbInfoList) → deployment.targetGroups; deploymentConfigName;
/// blueGreenDeploymentConfiguration → deployment.blueGreen (TERMINATE wait → terminationWait, KEEP_ALIVE → keepAlive,
/// CONTINUE_DEPLOYMENT → reroute immediately, STOP_DEPLOYMENT → reroute after waitTimeInMinutes);
/// autoRollbackConfiguration with DEPLOYMENT_FAILURE → autoRollback; outdatedInstancesStrategy → outdatedInstances;
/// terminationHookEnabled → deployment.terminationHookEnabled (false for a tag-based group: no Auto Scaling group);
/// alarmConfiguration (with --alarms, describe-alarms) → deployment.alarm, DEPLOYMENT_STOP_ON_ALARM → recovery at once
/// (ImportContext.Alarms.cs). Several groups (batch-get-deployment-groups) or several Auto Scaling groups → several
/// fleets; a group with tag filters and no Auto Scaling group → a fixed fleet (ImportContext.Fleets.cs).</item>
/// <item>get-deployment-config: minimumHealthyHosts (HOST_COUNT / FLEET_PERCENT) → deployment.deploymentConfig; checked against
/// the fleet by the scenario loader, as validate does (HEALTH_CONSTRAINTS_INVALID is reported as validate reports it).</item>
/// <item>appspec.yml: written inline under <c>deployment.appspec</c> (its text, comments kept, indented), so the scenario
/// file stands alone; with <c>--appspec-file</c> (or when the text cannot be embedded unchanged) referenced by a relative
/// path instead (copied next to the output unless it is already there); in both cases with a
/// <c>scripts:</c> entry per script: duration 0 s (the default, to be fitted with <c>deploysim fit</c>) and an action
/// guessed from the file name (a name with "stop" stops the application, one with "start" starts it; a stop with no
/// later start is dropped, since the application would never come back).</item>
/// </list>
/// Everything else is written with the simulator's default and a comment saying so. The text is validated by the
/// scenario loader before anything is written; files are written atomically.
/// </remarks>
internal static class ScenarioImporter
{
    internal const string CodeDeployHookPrefix = "CodeDeploy-managed-automatic-launch-deployment-hook";
    internal const string LaunchTransition = "autoscaling:EC2_INSTANCE_LAUNCHING";
    internal const string Default = "default: not in the inputs";

    /// <summary>What the <c>scripts:</c> line says until <c>deploysim fit</c> has run.</summary>
    internal const string ScriptsToBeFitted = "durations: default 0s, to be fitted (deploysim fit)";


    /// <summary>The scenario text, the appspec copy to write (if any) and the notes, validated but not written.</summary>
    internal static ImportPlan Build(ImportRequest request)
    {
        var ctx = new ImportContext(request);
        ctx.ReadAll();
        var text = ctx.Write();
        if (ctx.AppSpecInline && ctx.InlineDiffers(text) is { } why)
        {
            // Never silently change what the agent would run: keep the file as it is, and say why.
            var fallback = Build(request with { AppSpecFile = true });
            return fallback with { Notes = [$"the appspec is referenced as a file, not written inline: {why}", .. fallback.Notes] };
        }
        var problems = Validate(request, text, ctx.AppSpecRelative, ctx.AppSpecText);
        return new ImportPlan(text, ctx.AppSpecCopyPath is { } p ? (p, ctx.AppSpecText!) : null, ctx.Notes, problems);
    }

    internal sealed record ImportPlan(string Text, (string Path, string Text)? AppSpecCopy, IReadOnlyList<string> Notes, IReadOnlyList<ScenarioError> Problems);

    /// <summary>Checks the written text with the scenario loader, reading the appspec as it will be next to the output;
    /// returns what validate will report of it that import keeps (HEALTH_CONSTRAINTS_INVALID).</summary>
    private static IReadOnlyList<ScenarioError> Validate(ImportRequest request, string text, string? appspecRelative, string? appspecText)
    {
        var outFull = Path.GetFullPath(request.Out);
        var dir = Path.GetDirectoryName(outFull) ?? ".";
        var overlay = new Dictionary<string, string>(StringComparer.Ordinal);
        if (appspecRelative is not null && appspecText is not null) overlay[appspecRelative] = appspecText;
        var files = new ScenarioFiles(dir, Path.GetDirectoryName(request.Out) ?? "", overlay);
        // A configuration the fleet cannot keep is the imported reality: a note says so, and validate and run refuse it.
        var all = ScenarioDocument.Parse(text, request.Out, files).Validate();
        bool Kept(ScenarioError e) => e.Message.StartsWith(Metrics.FailureReasons.HealthConstraintsInvalid, StringComparison.Ordinal);
        var errors = all.Where(e => !Kept(e)).ToList();
        if (errors.Count > 0)
        {
            throw new ScenarioException([
                new ScenarioError(request.Out, 0, 0, "", "internal error: the imported scenario does not validate (nothing was written); please report it with the inputs"),
                .. errors,
            ]);
        }
        return [.. all.Where(Kept)];
    }
}
