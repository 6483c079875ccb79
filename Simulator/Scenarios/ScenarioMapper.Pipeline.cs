using System.Text.RegularExpressions;
using DeploySim.Engine;

namespace DeploySim.Scenarios;

// Several fleets and the CodePipeline that deploys them (the source article: one repository, one pipeline, a Deploy
// stage branching into one CodeDeploy action per Auto Scaling group).
//
// Rules:
// - A scenario describes its one fleet at the top level (kind, instances, autoScaling, opsWorks, targetGroups, unicorn,
//   traffic, deployment) or lists its fleets under `fleets:`, never both.
// - Each fleet has a unique name (letters, digits, '-' and '_', up to 64) and the same sections as a single-fleet
//   scenario. A worker fleet (`kind: worker`) has no load balancer: it declares no target groups.
// - `pipeline:` has `mergeAt` (before the horizon) and one or more stages, each with a unique name and one or more
//   actions (unique names within the stage). Every action names its `kind`: source, approval and wait take a
//   `duration` (a distribution, default 0) and name no fleet; deploy takes no duration (it lasts as long as the
//   fleet's rollout) and, with `fleets:`, names a declared fleet in `fleet` (without `fleets:` it names none: it
//   deploys the scenario's one fleet). Each fleet is deployed by at most one action; the pipeline has at least one.
// - With a pipeline, no deployment has `startAt`: the pipeline starts the deployments it names (the others never
//   deploy), and `recovery.revertLeadTime` means the revert commit alone (default 0), to which the runner adds the
//   stages the revert goes through again.
internal static partial class ScenarioMapper
{
    /// <summary>Simulator limit on fleets per scenario.</summary>
    public const int MaxFleets = 50;

    /// <summary>The scenario's keys that describe its one fleet: with <c>fleets:</c> none of them may appear.</summary>
    private static readonly string[] s_fleetSections = ["kind", "instances", "autoScaling", "opsWorks", "targetGroups", "unicorn", "traffic", "deployment", "events"];

    private static FleetKind Kind(ObjectReader r, IReadOnlyList<TargetGroupSpec> targetGroups)
    {
        var kind = r.Keyword("kind", FleetKind.Web, ScenarioFormat.FleetKind);
        if (kind == FleetKind.Worker && targetGroups.Count > 0)
            r.Error("targetGroups", "a worker fleet takes jobs from a queue, not requests from a load balancer: declare no target groups (or make it kind: web)");
        return kind;
    }

    /// <summary>Reads the fleets (the short form's top-level sections, or <c>fleets:</c>) and <c>pipeline:</c> into
    /// <paramref name="settings"/> (the scenario's run settings).</summary>
    private static Scenario WithFleetsAndPipeline(ObjectReader r, Scenario settings, SimDuration horizon)
    {
        var fleets = new List<(FleetSpec Spec, ObjectReader Reader)>();
        bool multi = r.Get("fleets") is not null;
        if (multi)
        {
            foreach (var key in s_fleetSections)
                if (r.Get(key) is not null)
                    r.Error(key, $"'{key}' describes the scenario's one fleet, but the scenario lists fleets: give it under each fleet instead");
            if (r.Sequence("fleets", "fleets {name, kind, instances, autoScaling, opsWorks, targetGroups, unicorn, traffic, deployment}") is { } seq)
            {
                if (seq.Items.Count == 0) r.Error("fleets", "no fleets: list at least one (or drop fleets: and describe the one fleet at the top level)");
                if (seq.Items.Count > MaxFleets) r.Error("fleets", $"{seq.Items.Count} fleets: the simulator allows at most {MaxFleets}");
                var seen = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
                for (int i = 0; i < seq.Items.Count; i++)
                {
                    if (Item(r, "fleets", seq, i, "fleet") is not { } f) continue;
                    var spec = Fleet(f, f.Text("name", required: true) ?? "", horizon, settings.Era);
                    if (spec.Name.Length > 0 && !FleetName().IsMatch(spec.Name))
                        f.Error("name", $"'{spec.Name}' is not a valid fleet name: use up to 64 letters, digits, '-' and '_', starting with a letter or digit");
                    if (spec.Name.Length > 0 && !seen.TryAdd(spec.Name, f.At("name")))
                        f.Error("name", $"duplicate fleet name '{spec.Name}' (first at line {seen[spec.Name].Line})");
                    fleets.Add((spec, f));
                }
            }
        }
        else
        {
            fleets.Add((Fleet(r, settings.Name, horizon, settings.Era), r));
        }

        var pipelineReader = r.Object("pipeline", "pipeline");
        var pipeline = pipelineReader is null ? null : Pipeline(pipelineReader, multi ? fleets.Select(f => f.Spec.Name).ToList() : null, horizon);
        var specs = fleets.Select(f => pipeline is null ? f.Spec : f.Spec with { Deployment = WithPipelineDeployment(f.Reader, f.Spec.Deployment) }).ToList();
        var scenario = settings with { Fleets = specs, Pipeline = pipeline, NamedFleets = multi };
        if (r.Context.Errors.Count == 0)
            for (int i = 0; i < specs.Count; i++) CheckFeasibility(fleets[i].Reader, specs[i], scenario);
        return scenario;
    }

    /// <summary>One fleet's sections, read from a <c>fleets:</c> item or from the short form's top level.</summary>
    private static FleetSpec Fleet(ObjectReader f, string name, SimDuration horizon, Era era)
    {
        var targetGroups = TargetGroups(f);
        var kind = Kind(f, targetGroups);
        var unicorn = f.Object("unicorn", "unicorn");
        var traffic = f.Object("traffic", "traffic");
        var latency = Latency(f, traffic, unicorn, kind);
        var autoScaling = AutoScaling(f.Object("autoScaling", "autoScaling"));
        return new FleetSpec
        {
            Name = name,
            Kind = kind,
            Instances = Instances(f.Object("instances", "instances")),
            AutoScaling = autoScaling,
            OpsWorks = OpsWorks(f.Object("opsWorks", "opsWorks")),
            TargetGroups = targetGroups,
            Unicorn = WithServiceRate(Unicorn(unicorn), latency),
            Traffic = Traffic(traffic, targetGroups) with { Latency = latency },
            Deployment = Deployment(f.Object("deployment", "deployment"), targetGroups, horizon, era),
            Events = ZoneEvents(f, autoScaling, horizon),
        };
    }

    /// <summary>A deployment that a pipeline starts: no <c>startAt</c> of its own (reported), none in the record (the
    /// runner sets it per replication), and a revert lead time that defaults to 0 (the revert commit alone).</summary>
    private static DeploymentSpec WithPipelineDeployment(ObjectReader owner, DeploymentSpec deployment)
    {
        bool revertGiven = false;
        if (owner.Node.TryGet("deployment", out var d) && d.Value is YamlMapping map)
        {
            string field = owner.Field("deployment");
            if (map.TryGet("startAt", out var startAt))
                owner.Context.Error(startAt.Value, ReadContext.Join(field, "startAt"),
                    "the pipeline starts this deployment (when its deploy action's stage starts): remove startAt");
            revertGiven = map.TryGet("recovery", out var recovery) && recovery.Value is YamlMapping rec && rec.TryGet("revertLeadTime", out _);
        }
        return deployment with
        {
            StartAt = null,
            Recovery = revertGiven ? deployment.Recovery : deployment.Recovery with { RevertLeadTime = Distribution.Constant(0) },
        };
    }

    /// <summary><c>pipeline: {mergeAt, stages}</c>. <paramref name="fleets"/> lists the declared fleet names, or is
    /// null when the scenario describes its one fleet at the top level.</summary>
    private static PipelineSpec Pipeline(ObjectReader p, IReadOnlyList<string>? fleets, SimDuration horizon)
    {
        var d = new PipelineSpec();
        var mergeAt = p.Duration("mergeAt", d.MergeAt, DurationRange.Any);
        if (mergeAt >= horizon)
            p.Error("mergeAt", $"{mergeAt} is not before the horizon ({horizon}): the pipeline would never run");
        var stages = new List<StageSpec>();
        var deployed = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        int deployActions = 0;
        if (p.Sequence("stages", "stages {name, actions}") is not { } seq)
        {
            if (p.Get("stages") is null) p.Missing("stages");
            return d with { MergeAt = mergeAt };
        }
        if (seq.Items.Count == 0) p.Error("stages", "no stages: list at least one, with a deploy action");
        var stageNames = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        for (int i = 0; i < seq.Items.Count; i++)
        {
            if (Item(p, "stages", seq, i, "stage") is not { } s) continue;
            string name = s.Text("name", required: true) ?? "";
            if (name.Length > 0 && !stageNames.TryAdd(name, s.At("name")))
                s.Error("name", $"duplicate stage name '{name}' (first at line {stageNames[name].Line})");
            var actions = new List<PipelineActionSpec>();
            if (s.Sequence("actions", "actions {name, kind, duration, fleet}") is { } list)
            {
                if (list.Items.Count == 0) s.Error("actions", "no actions: a stage runs one or more actions");
                var actionNames = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
                for (int j = 0; j < list.Items.Count; j++)
                {
                    if (Item(s, "actions", list, j, "pipelineAction") is not { } a) continue;
                    var action = Action(a, fleets, deployed);
                    if (action.Name.Length > 0 && !actionNames.TryAdd(action.Name, a.At("name")))
                        a.Error("name", $"duplicate action name '{action.Name}' in stage '{name}' (first at line {actionNames[action.Name].Line})");
                    if (action.Kind == PipelineActionKind.Deploy) deployActions++;
                    actions.Add(action);
                }
            }
            else if (s.Get("actions") is null)
            {
                s.Missing("actions");
            }
            stages.Add(new StageSpec { Name = name, Actions = actions });
        }
        if (seq.Items.Count > 0 && deployActions == 0)
            p.Error("stages", "no deploy action: a pipeline needs at least one action of kind deploy");
        return new PipelineSpec { MergeAt = mergeAt, Stages = stages };
    }

    private static PipelineActionSpec Action(ObjectReader a, IReadOnlyList<string>? fleets, Dictionary<string, YamlNode> deployed)
    {
        string name = a.Text("name", required: true) ?? "";
        if (a.Get("kind") is null) a.Missing("kind");
        var kind = a.Keyword("kind", PipelineActionKind.Source, ScenarioFormat.PipelineActionKind);
        var duration = a.Distribution("duration", Distribution.Constant(0));
        string? fleet = a.Text("fleet");
        if (kind != PipelineActionKind.Deploy)
        {
            if (a.Get("fleet") is not null)
                a.Error("fleet", $"a {ScenarioFormat.PipelineActionKind.WordOf(kind)} action deploys nothing: remove fleet (or make it kind: deploy)");
            return new PipelineActionSpec { Name = name, Kind = kind, Duration = duration };
        }
        if (a.Get("duration") is not null)
            a.Error("duration", "a deploy action lasts as long as its fleet's rollout: remove duration");
        string key = fleet ?? "";
        if (fleets is null)
        {
            if (a.Get("fleet") is not null)
                a.Error("fleet", "the scenario describes one fleet at the top level (no fleets: list): a deploy action names no fleet");
            fleet = null;
        }
        else if (fleet is null)
        {
            if (a.Get("fleet") is null) a.Missing("fleet");
            return new PipelineActionSpec { Name = name, Kind = kind };
        }
        else if (!fleets.Contains(fleet, StringComparer.Ordinal))
        {
            a.Error("fleet", $"fleet '{fleet}' is not declared in fleets{DidYouMean.Hint(fleet, fleets.ToArray())}");
            return new PipelineActionSpec { Name = name, Kind = kind, Fleet = fleet };
        }
        var at = a.At(fleets is null ? "kind" : "fleet");
        if (!deployed.TryAdd(key, at))
            a.Error(fleets is null ? "kind" : "fleet", fleets is null
                ? $"a second deploy action (first at line {deployed[key].Line}): the scenario's one fleet is deployed by one action"
                : $"fleet '{fleet}' is already deployed by the action at line {deployed[key].Line}: each fleet is deployed by at most one action");
        return new PipelineActionSpec { Name = name, Kind = kind, Fleet = fleet };
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$")]
    private static partial Regex FleetName();
}
