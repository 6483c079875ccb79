namespace DeploySim.Import;

// What `deploysim import` reads from each AWS CLI command's JSON output (the fields listed in the readers below;
// everything else in the output is ignored). Integer ranges are AWS's own, so a value the simulator could not take
// is reported at its place in the file rather than in the written scenario.

/// <summary>One group of <c>aws autoscaling describe-auto-scaling-groups</c>.</summary>
internal sealed record AsgOutput(
    string Name, int MinSize, int MaxSize, int DesiredCapacity, string? HealthCheckType, int? HealthCheckGracePeriod,
    IReadOnlyList<string> TargetGroupArns, IReadOnlyList<string> LoadBalancerNames, IReadOnlyList<string> TerminationPolicies,
    IReadOnlyList<string> SuspendedProcesses, int InstanceCount, JsonValue At);

/// <summary>One hook of <c>aws autoscaling describe-lifecycle-hooks</c>.</summary>
internal sealed record LifecycleHookOutput(
    string Name, string? GroupName, string Transition, int? HeartbeatTimeout, int? GlobalTimeout, string? DefaultResult, JsonValue At);

/// <summary>One target group of <c>aws elbv2 describe-target-groups</c>.</summary>
internal sealed record TargetGroupOutput(
    string Name, string? Arn, int? Interval, int? Timeout, int? HealthyThreshold, int? UnhealthyThreshold, bool? HealthCheckEnabled,
    string? TargetType, string? Protocol, JsonValue At);

/// <summary><c>aws elbv2 describe-target-group-attributes</c> for one group (the output does not name it).</summary>
internal sealed record TargetGroupAttributesOutput(string File, int? DeregistrationDelay, int? SlowStart, string? Algorithm);

internal sealed record BlueGreenOutput(
    string? TerminationAction, int? TerminationWaitMinutes, string? ReadyAction, int? ReadyWaitMinutes, string? GreenFleetAction);

/// <summary>One group of <c>aws deploy get-deployment-group</c> or <c>batch-get-deployment-groups</c>. TagFilters
/// describes the EC2 (or on-premises) tag filters that pick its instances, empty when there are none.</summary>
internal sealed record DeploymentGroupOutput(
    string Name, string? ApplicationName, string? DeploymentConfigName, string? DeploymentType, string? DeploymentOption,
    IReadOnlyList<(string Name, string? Hook, string? TerminationHook)> AutoScalingGroups, IReadOnlyList<string> TargetGroups, IReadOnlyList<string> ClassicLoadBalancers,
    BlueGreenOutput? BlueGreen, bool AutoRollback, IReadOnlyList<string> AutoRollbackEvents, string? OutdatedInstancesStrategy,
    bool AlarmsEnabled, IReadOnlyList<string> AlarmNames, IReadOnlyList<string> TagFilters, bool TerminationHookEnabled, JsonValue At);

/// <summary>One metric alarm of <c>aws cloudwatch describe-alarms</c> (a metric-math alarm has no MetricName).</summary>
internal sealed record MetricAlarmOutput(
    string Name, string? Namespace, string? MetricName, string? Statistic, int? Period, int? EvaluationPeriods, int? DatapointsToAlarm,
    double? Threshold, string? ComparisonOperator, string? TargetGroup, string? LoadBalancer, JsonValue At);

/// <summary><c>aws deploy get-deployment-config</c>.</summary>
internal sealed record DeploymentConfigOutput(string Name, string? Type, int? Value, bool Zonal, JsonValue At);

/// <summary>Reads the outputs above. Each reader throws a <see cref="Scenarios.ScenarioException"/> listing every
/// problem of the file (position and JSON path), including a file of the wrong command.</summary>
internal static partial class AwsOutputs
{
    private const int MaxInstances = Scenarios.ScenarioMapper.MaxInstances;

    /// <summary>The top-level member that identifies each command's output, the command, and the option that takes it.</summary>
    private static readonly (string Key, string Command, string Use)[] s_known =
    [
        ("AutoScalingGroups", "aws autoscaling describe-auto-scaling-groups", "import --asg"),
        ("LifecycleHooks", "aws autoscaling describe-lifecycle-hooks", "import --lifecycle-hooks"),
        ("TargetGroups", "aws elbv2 describe-target-groups", "import --target-groups"),
        ("Attributes", "aws elbv2 describe-target-group-attributes", "import --target-group-attributes NAME=FILE"),
        ("deploymentGroupInfo", "aws deploy get-deployment-group", "import --deployment-group"),
        ("deploymentGroupsInfo", "aws deploy batch-get-deployment-groups", "import --deployment-group"),
        ("deploymentConfigInfo", "aws deploy get-deployment-config", "import --deployment-config"),
        ("MetricAlarms", "aws cloudwatch describe-alarms", "import --alarms"),
        ("deploymentTargets", "aws deploy batch-get-deployment-targets", "fit --targets / replay --targets"),
        ("deploymentTarget", "aws deploy get-deployment-target", "fit --targets / replay --targets"),
        ("instancesSummary", "aws deploy batch-get-deployment-instances", "fit --targets / replay --targets"),
        ("instanceSummary", "aws deploy get-deployment-instance", "fit --targets / replay --targets"),
        ("instancesList", "aws deploy list-deployment-instances", ""),
        ("targetIds", "aws deploy list-deployment-targets", ""),
        ("deploymentInfo", "aws deploy get-deployment", ""),
        ("deploymentsInfo", "aws deploy batch-get-deployments", ""),
        ("LoadBalancers", "aws elbv2 describe-load-balancers", ""),
        ("TargetHealthDescriptions", "aws elbv2 describe-target-health", ""),
        ("AutoScalingInstances", "aws autoscaling describe-auto-scaling-instances", ""),
    ];

    /// <summary>The AWS CLI command whose output <paramref name="root"/> looks like, or null.</summary>
    public static string? Identify(JsonValue root) =>
        root.Kind == JsonKind.Object ? s_known.Where(k => root.Get(k.Key) is not null).Select(k => k.Command).FirstOrDefault() : null;

    /// <summary>The member <paramref name="key"/> of the root object, or a clear error when the file is the output of
    /// another command (or was filtered with --query).</summary>
    public static JsonValue Expect(JsonInput input, string key, string command, JsonKind kind)
    {
        var root = input.Root;
        string expected = $"expected the output of '{command}' (a JSON object with \"{key}\")";
        if (root.Kind != JsonKind.Object)
            throw Fail(input, root, $"{expected}, got {root.Describe()} (was the output filtered with --query? save the command's whole output)");
        if (root.Get(key) is { } value)
        {
            if (value.Kind == kind) return value;
            throw Fail(input, value, $"wrong type: expected {(kind == JsonKind.Array ? "an array" : "an object")}, got {value.Describe()}");
        }
        var other = s_known.FirstOrDefault(k => k.Key != key && root.Get(k.Key) is not null);
        if (other.Key is not null)
        {
            string use = other.Use.Length > 0 ? $" (it belongs to 'deploysim {other.Use}')" : "";
            throw Fail(input, root, $"{expected}; this is the output of '{other.Command}'{use}");
        }
        var keys = root.Properties.Select(p => p.Key).Take(5).ToList();
        throw Fail(input, root, keys.Count == 0 ? $"{expected}, got an empty object" : $"{expected}, got an object with {string.Join(", ", keys.Select(k => $"\"{k}\""))}");
    }

    private static Scenarios.ScenarioException Fail(JsonInput input, JsonValue at, string message)
    {
        input.Error(at, message);
        return new Scenarios.ScenarioException(input.Errors);
    }

    public static IReadOnlyList<AsgOutput> AutoScalingGroups(JsonInput input)
    {
        var list = new List<AsgOutput>();
        foreach (var g in Objects(input, Expect(input, "AutoScalingGroups", "aws autoscaling describe-auto-scaling-groups", JsonKind.Array)))
        {
            string name = input.String(g, "AutoScalingGroupName", required: true) ?? "";
            int min = (int)(input.Integer(g, "MinSize", 0, MaxInstances, required: true) ?? 0);
            int max = (int)(input.Integer(g, "MaxSize", 0, MaxInstances, required: true) ?? 0);
            int desired = (int)(input.Integer(g, "DesiredCapacity", 0, MaxInstances, required: true) ?? 0);
            if (input.Errors.Count == 0 && !(min <= desired && desired <= max))
                input.Error(g, $"MinSize ({min}) <= DesiredCapacity ({desired}) <= MaxSize ({max}) does not hold");
            list.Add(new AsgOutput(
                name, min, max, desired,
                input.String(g, "HealthCheckType"),
                (int?)input.Integer(g, "HealthCheckGracePeriod", 0, int.MaxValue),
                input.Strings(g, "TargetGroupARNs"),
                input.Strings(g, "LoadBalancerNames"),
                input.Strings(g, "TerminationPolicies"),
                [.. Objects(input, input.Array(g, "SuspendedProcesses")).Select(p => input.String(p, "ProcessName") ?? "?")],
                input.Array(g, "Instances").Count,
                g));
        }
        input.ThrowIfErrors();
        if (list.Count == 0) throw Fail(input, input.Root, "the output describes no Auto Scaling group (\"AutoScalingGroups\" is empty): check the group name");
        return list;
    }

    public static IReadOnlyList<LifecycleHookOutput> LifecycleHooks(JsonInput input)
    {
        var list = new List<LifecycleHookOutput>();
        foreach (var h in Objects(input, Expect(input, "LifecycleHooks", "aws autoscaling describe-lifecycle-hooks", JsonKind.Array)))
        {
            list.Add(new LifecycleHookOutput(
                input.String(h, "LifecycleHookName", required: true) ?? "",
                input.String(h, "AutoScalingGroupName"),
                input.String(h, "LifecycleTransition", required: true) ?? "",
                (int?)input.Integer(h, "HeartbeatTimeout", 30, 7200),
                (int?)input.Integer(h, "GlobalTimeout", 30, 172_800),
                OneOf(input, h, "DefaultResult", "ABANDON", "CONTINUE"),
                h));
        }
        input.ThrowIfErrors();
        return list;
    }

    public static IReadOnlyList<TargetGroupOutput> TargetGroups(JsonInput input)
    {
        var list = new List<TargetGroupOutput>();
        foreach (var t in Objects(input, Expect(input, "TargetGroups", "aws elbv2 describe-target-groups", JsonKind.Array)))
        {
            var interval = (int?)input.Integer(t, "HealthCheckIntervalSeconds", 5, 300);
            var timeout = (int?)input.Integer(t, "HealthCheckTimeoutSeconds", 2, 120);
            if (interval is { } i && timeout is { } o && o >= i)
                input.Error(t.Get("HealthCheckTimeoutSeconds")!, $"HealthCheckTimeoutSeconds ({o}) must be less than HealthCheckIntervalSeconds ({i})");
            list.Add(new TargetGroupOutput(
                input.String(t, "TargetGroupName", required: true) ?? "",
                input.String(t, "TargetGroupArn"),
                interval, timeout,
                (int?)input.Integer(t, "HealthyThresholdCount", 2, 10),
                (int?)input.Integer(t, "UnhealthyThresholdCount", 2, 10),
                input.Bool(t, "HealthCheckEnabled"),
                input.String(t, "TargetType"),
                input.String(t, "Protocol"),
                t));
        }
        input.ThrowIfErrors();
        return list;
    }

    public static TargetGroupAttributesOutput TargetGroupAttributes(JsonInput input)
    {
        int? delay = null, slowStart = null;
        string? algorithm = null;
        foreach (var a in Objects(input, Expect(input, "Attributes", "aws elbv2 describe-target-group-attributes", JsonKind.Array)))
        {
            string? key = input.String(a, "Key", required: true);
            var value = a.Get("Value");
            if (value is null)
            {
                input.Error(a, "missing \"Value\"", JsonValue.Join(a.Path, "Value"));
                continue;
            }
            switch (key)
            {
                case "deregistration_delay.timeout_seconds":
                    delay = (int?)input.Integer(value, 0, 3600);
                    break;
                case "slow_start.duration_seconds":
                    slowStart = (int?)input.Integer(value, 0, 900);
                    if (slowStart is > 0 and < 30) input.Error(value, $"{slowStart} is out of range: AWS allows 0 (off) or 30 to 900 seconds");
                    break;
                case "load_balancing.algorithm.type":
                    algorithm = value.Text;
                    break;
            }
        }
        input.ThrowIfErrors();
        return new TargetGroupAttributesOutput(input.File, delay, slowStart, algorithm);
    }

    /// <summary>The items of an array that are objects; other items are reported.</summary>
    public static IEnumerable<JsonValue> Objects(JsonInput input, JsonValue array) => Objects(input, array.Items);

    public static IEnumerable<JsonValue> Objects(JsonInput input, IReadOnlyList<JsonValue> items)
    {
        foreach (var item in items)
        {
            if (item.Kind == JsonKind.Object) yield return item;
            else input.Error(item, $"wrong type: expected an object, got {item.Describe()}");
        }
    }

    /// <summary>A string member that must be one of <paramref name="values"/> (AWS enumerations).</summary>
    public static string? OneOf(JsonInput input, JsonValue obj, string name, params string[] values)
    {
        string? s = input.String(obj, name);
        if (s is null || values.Contains(s, StringComparer.Ordinal)) return s;
        input.Error(obj.Get(name)!, $"'{s}' is not one of {string.Join(", ", values)}");
        return null;
    }
}
