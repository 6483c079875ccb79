using DeploySim.Scenarios;

namespace DeploySim.Import;

/// <summary>One lifecycle event of one instance in one past deployment, as CodeDeploy reported it. <c>Event</c> is null
/// for a name the simulator does not know (reported, not used); <c>Start</c> and <c>End</c> are seconds since 1970 (UTC),
/// null when CodeDeploy gave none (skipped events have only an end).</summary>
internal sealed record ObservedEvent(
    string DeploymentId, string InstanceId, string? Label, string Name, LifecycleEvent? Event, double? Start, double? End,
    string Status, string? ErrorCode, string? ScriptName)
{
    /// <summary>Seconds from start to end, when both are known and in order: a whole number of milliseconds (the time
    /// stamps are rounded to milliseconds when read, so AWS CLI v1's epoch seconds and v2's microseconds agree).</summary>
    public double? Seconds => Start is { } s && End is { } e && e >= s ? (Math.Round(e * 1000) - Math.Round(s * 1000)) / 1000 : null;

    /// <summary>A time stamp (seconds since 1970) rounded to the millisecond.</summary>
    public static double? ToMilliseconds(double? seconds) => seconds is { } t ? Math.Round(t * 1000, MidpointRounding.AwayFromZero) / 1000 : null;
}

/// <summary>What the history says about one lifecycle event: durations (seconds) of the instances where it succeeded,
/// and how many failed, were skipped, or could not be used: <c>Other</c> counts Pending, InProgress and Unknown (the
/// deployment had not finished the event when it was saved), <c>NoTimes</c> events that succeeded without a start or an
/// end, or that end before they start.</summary>
internal sealed record EventObservations(LifecycleEvent Event, double[] Seconds, int Failed, int Skipped, int Other, int NoTimes)
{
    public int Excluded => Failed + Skipped + Other + NoTimes;
}

/// <summary>Past deployments read from saved outputs of <c>aws deploy batch-get-deployment-targets</c> (or the older
/// <c>batch-get-deployment-instances</c>, and the single-target <c>get-deployment-target</c> /
/// <c>get-deployment-instance</c>): every instance's lifecycle events with their times and status.</summary>
/// <remarks>Time stamps may be epoch seconds (AWS CLI v1) or ISO 8601 text (v2). The same event of the same instance
/// and deployment in two files counts once. Immutable once read.</remarks>
internal sealed class DeploymentHistory
{
    private static readonly string[] s_statuses = ["Pending", "InProgress", "Succeeded", "Failed", "Skipped", "Unknown"];

    private DeploymentHistory(IReadOnlyList<ObservedEvent> events, IReadOnlyList<string> notes)
    {
        Events = events;
        Notes = notes;
    }

    public IReadOnlyList<ObservedEvent> Events { get; }
    /// <summary>What was left out while reading (duplicates, unknown event names).</summary>
    public IReadOnlyList<string> Notes { get; }

    public int Deployments => Events.Select(e => e.DeploymentId).Distinct(StringComparer.Ordinal).Count();
    public int Instances => Events.Select(e => (e.DeploymentId, e.InstanceId)).Distinct().Count();

    /// <summary>Reads every file; all problems of a file are reported together (file, line, column, JSON path).</summary>
    public static DeploymentHistory Read(IEnumerable<string> files)
    {
        var events = new List<ObservedEvent>();
        var notes = new List<string>();
        var seen = new HashSet<(string, string, string)>();
        int duplicates = 0;
        var unknown = new SortedSet<string>(StringComparer.Ordinal);
        int count = 0;
        foreach (var file in files)
        {
            count++;
            var input = JsonInput.Read(file);
            foreach (var e in ReadFile(input))
            {
                if (!seen.Add((e.DeploymentId, e.InstanceId, e.Name)))
                {
                    duplicates++;
                    continue;
                }
                if (e.Event is null) unknown.Add(e.Name);
                events.Add(e);
            }
        }
        if (count == 0) throw new ScenarioException(new ScenarioError("--targets", 0, 0, "", "no file given"));
        if (duplicates > 0) notes.Add($"{duplicates} lifecycle events appear in more than one file: counted once");
        if (unknown.Count > 0) notes.Add($"lifecycle events the simulator does not model were left out: {string.Join(", ", unknown)}");
        return new DeploymentHistory(events, notes);
    }

    private static List<ObservedEvent> ReadFile(JsonInput input)
    {
        var root = input.Root;
        var result = new List<ObservedEvent>();
        string fallbackId = Path.GetFileNameWithoutExtension(input.File);
        if (root.Kind == JsonKind.Object && root.Get("instancesList") is not null)
        {
            input.Error(root, "this is the output of 'aws deploy list-deployment-instances', which lists instance IDs only, without "
                + "lifecycle events: save 'aws deploy batch-get-deployment-targets --deployment-id ID --target-ids ...' "
                + "(or 'batch-get-deployment-instances') for those instances instead");
            input.ThrowIfErrors();
        }
        if (root.Kind == JsonKind.Object && root.Get("targetIds") is not null)
        {
            input.Error(root, "this is the output of 'aws deploy list-deployment-targets', which lists target IDs only: "
                + "save 'aws deploy batch-get-deployment-targets --deployment-id ID --target-ids ...' for those targets instead");
            input.ThrowIfErrors();
        }
        if (root.Kind == JsonKind.Object && root.Get("instancesSummary") is { } summaries)
        {
            if (summaries.Kind != JsonKind.Array) input.Error(summaries, $"wrong type: expected an array, got {summaries.Describe()}");
            foreach (var s in AwsOutputs.Objects(input, summaries)) Instance(input, s, "instanceId", "instanceType", fallbackId, result);
        }
        else if (root.Kind == JsonKind.Object && root.Get("instanceSummary") is { Kind: JsonKind.Object } one)
        {
            Instance(input, one, "instanceId", "instanceType", fallbackId, result);
        }
        else if (root.Kind == JsonKind.Object && root.Get("deploymentTarget") is { Kind: JsonKind.Object } target)
        {
            Target(input, target, fallbackId, result);
        }
        else
        {
            var targets = AwsOutputs.Expect(input, "deploymentTargets", "aws deploy batch-get-deployment-targets", JsonKind.Array);
            foreach (var t in AwsOutputs.Objects(input, targets)) Target(input, t, fallbackId, result);
            if (targets.Items.Count == 0) input.Error(targets, "no deployment targets: the output is empty (check the deployment and target IDs)");
        }
        input.ThrowIfErrors();
        return result;
    }

    private static void Target(JsonInput input, JsonValue t, string fallbackId, List<ObservedEvent> result)
    {
        string? type = input.String(t, "deploymentTargetType");
        if (type is not null && type != "InstanceTarget")
        {
            input.Error(t.Get("deploymentTargetType")!, $"a {type}: DeploySim reads EC2/On-premises instance targets (InstanceTarget) only");
            return;
        }
        if (input.Object(t, "instanceTarget", required: true) is { } instance)
            Instance(input, instance, "targetId", "instanceLabel", fallbackId, result);
    }

    private static void Instance(JsonInput input, JsonValue obj, string idKey, string labelKey, string fallbackId, List<ObservedEvent> result)
    {
        string deployment = input.String(obj, "deploymentId") ?? fallbackId;
        string id = input.String(obj, idKey, required: true) ?? "";
        string? label = input.String(obj, labelKey)?.ToUpperInvariant();
        if (label is not null && label is not ("BLUE" or "GREEN"))
            input.Error(obj.Get(labelKey)!, $"'{label}' is not Blue or Green");
        foreach (var e in AwsOutputs.Objects(input, input.Array(obj, "lifecycleEvents", required: true)))
        {
            string name = input.String(e, "lifecycleEventName", required: true) ?? "";
            string status = input.String(e, "status", required: true) ?? "";
            if (status.Length > 0 && !s_statuses.Contains(status, StringComparer.Ordinal))
                input.Error(e.Get("status")!, $"'{status}' is not a lifecycle event status ({string.Join(", ", s_statuses)})");
            var start = ObservedEvent.ToMilliseconds(input.Timestamp(e, "startTime"));
            var end = ObservedEvent.ToMilliseconds(input.Timestamp(e, "endTime"));
            var diagnostics = input.Object(e, "diagnostics");
            LifecycleEvent? ev = Enum.TryParse<LifecycleEvent>(name, ignoreCase: false, out var parsed) && Enum.IsDefined(parsed) && !name.Any(char.IsDigit)
                ? parsed : null;
            result.Add(new ObservedEvent(deployment, id, label, name, ev, start, end, status,
                diagnostics is null ? null : input.String(diagnostics, "errorCode"),
                diagnostics is null ? null : input.String(diagnostics, "scriptName")));
        }
    }

    /// <summary>The observations of every lifecycle event that appears, in lifecycle order.</summary>
    public IReadOnlyList<EventObservations> ByEvent() =>
        [.. Events.Where(e => e.Event is not null).GroupBy(e => e.Event!.Value).OrderBy(g => g.Key).Select(g => Observations(g.Key, [.. g]))];

    private static EventObservations Observations(LifecycleEvent ev, List<ObservedEvent> list)
    {
        var seconds = list.Where(e => e.Status == "Succeeded" && e.Seconds is not null).Select(e => e.Seconds!.Value).ToArray();
        return new EventObservations(ev, seconds,
            list.Count(e => e.Status == "Failed"),
            list.Count(e => e.Status == "Skipped"),
            list.Count(e => e.Status is not ("Succeeded" or "Failed" or "Skipped")),
            list.Count(e => e.Status == "Succeeded" && e.Seconds is null));
    }

    /// <summary>The agent's gaps (docs/model.md#agent-event-gap): per instance of each deployment, the seconds from one
    /// lifecycle event's end to the next one's start, for each pair of consecutive events (by start time) whose first
    /// succeeded. Left out: a blue/green replacement's (GREEN) wait from ValidateService to BeforeAllowTraffic, which is
    /// CodeDeploy's rerouting and not the agent, and pairs that overlap (<c>Overlapping</c>).</summary>
    public (double[] Seconds, int Overlapping) EventGaps()
    {
        var gaps = new List<double>();
        int overlapping = 0;
        foreach (var instance in Events.GroupBy(e => (e.DeploymentId, e.InstanceId)))
        {
            var timed = instance.Where(e => e.Start is not null && e.End is not null).OrderBy(e => e.Start).ThenBy(e => e.End).ToList();
            for (int i = 1; i < timed.Count; i++)
            {
                var (before, after) = (timed[i - 1], timed[i]);
                if (before.Status != "Succeeded") continue;
                if (after.Label == "GREEN" && before.Event == LifecycleEvent.ValidateService && after.Event == LifecycleEvent.BeforeAllowTraffic) continue;
                double ms = Math.Round(after.Start!.Value * 1000) - Math.Round(before.End!.Value * 1000);
                if (ms < 0) overlapping++;
                else gaps.Add(ms / 1000);
            }
        }
        return ([.. gaps], overlapping);
    }

    /// <summary>Per deployment: from its first event's start to its last event's end, in seconds; with
    /// <paramref name="succeeded"/>, only the deployments in which no event failed or was left unfinished (true) or only
    /// the others (false).</summary>
    public double[] RolloutSeconds(bool? succeeded = null) =>
        [.. Events.GroupBy(e => e.DeploymentId, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Where(g => succeeded is null || Clean(g) == succeeded)
            .Select(g => (Start: g.Where(e => e.Start is not null).Select(e => e.Start!.Value).DefaultIfEmpty(double.NaN).Min(),
                          End: g.Select(e => e.End ?? e.Start).Where(t => t is not null).Select(t => t!.Value).DefaultIfEmpty(double.NaN).Max()))
            .Where(r => double.IsFinite(r.Start) && double.IsFinite(r.End) && r.End >= r.Start)
            .Select(r => r.End - r.Start)];

    /// <summary>A deployment none of whose events failed or was left Pending, InProgress or Unknown.</summary>
    private static bool Clean(IEnumerable<ObservedEvent> deployment) => deployment.All(e => e.Status is "Succeeded" or "Skipped");

    /// <summary>Per deployment, how many instances it deployed to (for blue/green, the original, BLUE, ones).</summary>
    public IReadOnlyList<(string DeploymentId, int Targets)> TargetCounts() =>
        [.. Events.GroupBy(e => e.DeploymentId, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => (g.Key, g.Where(e => e.Label is null or "BLUE").Select(e => e.InstanceId).Distinct(StringComparer.Ordinal).Count()))];
}
