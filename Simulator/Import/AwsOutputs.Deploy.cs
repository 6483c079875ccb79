namespace DeploySim.Import;

// The CodeDeploy and CloudWatch outputs: deployment groups (one, or a batch), the deployment configuration, and the
// alarms the deployment groups watch.
internal static partial class AwsOutputs
{
    /// <summary>The groups of <c>get-deployment-group</c> (one) or <c>batch-get-deployment-groups</c> (one or more).</summary>
    public static IReadOnlyList<DeploymentGroupOutput> DeploymentGroups(JsonInput input)
    {
        IReadOnlyList<JsonValue> groups;
        if (input.Root.Kind == JsonKind.Object && input.Root.Get("deploymentGroupsInfo") is { Kind: JsonKind.Array } many)
        {
            if (many.Items.Count == 0) throw Fail(input, many, "the output describes no deployment group (\"deploymentGroupsInfo\" is empty): check the group names");
            groups = [.. Objects(input, many)];
        }
        else
        {
            groups = [Expect(input, "deploymentGroupInfo", "aws deploy get-deployment-group", JsonKind.Object)];
        }
        var list = groups.Select(g => DeploymentGroup(input, g)).ToList();
        input.ThrowIfErrors();
        return list;
    }

    private static DeploymentGroupOutput DeploymentGroup(JsonInput input, JsonValue g)
    {
        string name = input.String(g, "deploymentGroupName", required: true) ?? "";
        if (input.String(g, "computePlatform") is { } platform && platform != "Server")
            input.Error(g.Get("computePlatform")!, $"compute platform '{platform}': DeploySim simulates EC2/On-premises deployment groups (\"Server\") only");
        var asgs = new List<(string, string?, string?)>();
        foreach (var a in input.Array(g, "autoScalingGroups"))
        {
            // The API returns {name, hook, terminationHook}; the oldest CLI examples show plain names.
            if (a.Kind == JsonKind.String) asgs.Add((a.Text, null, null));
            else if (a.Kind == JsonKind.Object) asgs.Add((input.String(a, "name", required: true) ?? "", input.String(a, "hook"), input.String(a, "terminationHook")));
            else input.Error(a, $"wrong type: expected an object {{name, hook, terminationHook}}, got {a.Describe()}");
        }
        var style = input.Object(g, "deploymentStyle");
        var lb = input.Object(g, "loadBalancerInfo");
        var targetGroups = lb is null ? [] : Objects(input, input.Array(lb, "targetGroupInfoList")).Select(t => input.String(t, "name", required: true) ?? "").ToList();
        var elbs = lb is null ? [] : Objects(input, input.Array(lb, "elbInfoList")).Select(t => input.String(t, "name", required: true) ?? "").ToList();
        if (lb is not null && input.Array(lb, "targetGroupPairInfoList").Count > 0)
            input.Error(lb.Get("targetGroupPairInfoList")!, "target group pairs belong to Amazon ECS deployments, which DeploySim does not simulate");
        BlueGreenOutput? blueGreen = null;
        if (input.Object(g, "blueGreenDeploymentConfiguration") is { } bg)
        {
            var term = input.Object(bg, "terminateBlueInstancesOnDeploymentSuccess");
            var ready = input.Object(bg, "deploymentReadyOption");
            var green = input.Object(bg, "greenFleetProvisioningOption");
            blueGreen = new BlueGreenOutput(
                term is null ? null : OneOf(input, term, "action", "TERMINATE", "KEEP_ALIVE"),
                term is null ? null : (int?)input.Integer(term, "terminationWaitTimeInMinutes", 0, 2880),
                ready is null ? null : OneOf(input, ready, "actionOnTimeout", "CONTINUE_DEPLOYMENT", "STOP_DEPLOYMENT"),
                ready is null ? null : (int?)input.Integer(ready, "waitTimeInMinutes", 0, 2880),
                green is null ? null : OneOf(input, green, "action", "COPY_AUTO_SCALING_GROUP", "DISCOVER_EXISTING"));
        }
        var rollback = input.Object(g, "autoRollbackConfiguration");
        var alarms = input.Object(g, "alarmConfiguration");
        var alarmNames = alarms is null ? [] : Objects(input, input.Array(alarms, "alarms")).Select(a => input.String(a, "name", required: true) ?? "").ToList();
        var result = new DeploymentGroupOutput(
            name,
            input.String(g, "applicationName"),
            input.String(g, "deploymentConfigName"),
            style is null ? null : OneOf(input, style, "deploymentType", "IN_PLACE", "BLUE_GREEN"),
            style is null ? null : OneOf(input, style, "deploymentOption", "WITH_TRAFFIC_CONTROL", "WITHOUT_TRAFFIC_CONTROL"),
            asgs, targetGroups, elbs, blueGreen,
            rollback is not null && (input.Bool(rollback, "enabled") ?? false),
            rollback is null ? [] : input.Strings(rollback, "events"),
            OneOf(input, g, "outdatedInstancesStrategy", "UPDATE", "IGNORE"),
            alarms is not null && (input.Bool(alarms, "enabled") ?? false),
            alarmNames,
            TagFilters(input, g),
            input.Bool(g, "terminationHookEnabled") ?? false,
            g);
        return result;
    }

    /// <summary>ec2TagFilters, ec2TagSet (lists of lists) and the on-premises equivalents, each as <c>Key=Value</c>.</summary>
    private static List<string> TagFilters(JsonInput input, JsonValue g)
    {
        var filters = new List<JsonValue>();
        foreach (var key in new[] { "ec2TagFilters", "onPremisesInstanceTagFilters" })
            if (g.Get(key) is { Kind: JsonKind.Array } list) filters.AddRange(list.Items);
        foreach (var (set, inner) in new[] { ("ec2TagSet", "ec2TagSetList"), ("onPremisesTagSet", "onPremisesTagSetList") })
        {
            if (g.Get(set) is { Kind: JsonKind.Object } o && o.Get(inner) is { Kind: JsonKind.Array } lists)
                foreach (var l in lists.Items) if (l.Kind == JsonKind.Array) filters.AddRange(l.Items);
        }
        return [.. filters.Where(f => f.Kind == JsonKind.Object)
            .Select(f => $"{input.String(f, "Key") ?? ""}={input.String(f, "Value") ?? ""}".Trim('='))
            .Where(t => t.Length > 0).Distinct(StringComparer.Ordinal)];
    }

    /// <summary><c>aws cloudwatch describe-alarms</c>: its metric alarms (composite alarms are listed by name only).</summary>
    public static (IReadOnlyList<MetricAlarmOutput> Metric, IReadOnlyList<string> Composite) Alarms(JsonInput input)
    {
        var list = new List<MetricAlarmOutput>();
        foreach (var a in Objects(input, Expect(input, "MetricAlarms", "aws cloudwatch describe-alarms", JsonKind.Array)))
        {
            string? targetGroup = null, loadBalancer = null;
            foreach (var d in Objects(input, input.Array(a, "Dimensions")))
            {
                string? value = input.String(d, "Value");
                switch (input.String(d, "Name"))
                {
                    case "TargetGroup": targetGroup = value; break;
                    case "LoadBalancer" or "LoadBalancerName": loadBalancer = value; break;
                }
            }
            list.Add(new MetricAlarmOutput(
                input.String(a, "AlarmName", required: true) ?? "",
                input.String(a, "Namespace"), input.String(a, "MetricName"), input.String(a, "Statistic"),
                (int?)input.Integer(a, "Period", 1, 86_400 * 7),
                (int?)input.Integer(a, "EvaluationPeriods", 1, 10_000),
                (int?)input.Integer(a, "DatapointsToAlarm", 1, 10_000),
                a.Get("Threshold") is { } t ? input.Number(t) : null,
                input.String(a, "ComparisonOperator"),
                targetGroup, loadBalancer, a));
        }
        var composite = input.Root.Get("CompositeAlarms") is { Kind: JsonKind.Array } c
            ? Objects(input, c).Select(x => input.String(x, "AlarmName") ?? "").ToList() : [];
        input.ThrowIfErrors();
        return (list, composite);
    }

    public static DeploymentConfigOutput DeploymentConfig(JsonInput input)
    {
        var c = Expect(input, "deploymentConfigInfo", "aws deploy get-deployment-config", JsonKind.Object);
        string name = input.String(c, "deploymentConfigName", required: true) ?? "";
        if (input.String(c, "computePlatform") is { } platform && platform != "Server")
            input.Error(c.Get("computePlatform")!, $"compute platform '{platform}': DeploySim simulates EC2/On-premises configurations (\"Server\") only");
        string? type = null;
        int? value = null;
        if (input.Object(c, "minimumHealthyHosts") is { } m)
        {
            type = OneOf(input, m, "type", "HOST_COUNT", "FLEET_PERCENT", "MOST_CONCURRENCY");
            value = type == "FLEET_PERCENT" ? (int?)input.Integer(m, "value", 0, 99, required: true) : (int?)input.Integer(m, "value", 0, MaxInstances, required: true);
        }
        bool zonal = c.Get("zonalConfig") is { Kind: JsonKind.Object };
        input.ThrowIfErrors();
        return new DeploymentConfigOutput(name, type, value, zonal, c);
    }
}
