using DeploySim.Scenarios;
using static DeploySim.Import.ScenarioImporter;

namespace DeploySim.Import;

// Which fleets the inputs describe, and the scenario text: one fleet in the short form, several under fleets:.
internal sealed partial class ImportContext
{
    /// <summary>One fleet of the imported scenario: an Auto Scaling group and the deployment group that deploys to it
    /// (either may be missing); TagBased when the deployment group picks instances by tags and has no Auto Scaling group.</summary>
    private sealed record FleetPlan(string Name, string Why, AsgOutput? Asg, DeploymentGroupOutput? Group, bool TagBased);

    private readonly List<FleetPlan> _fleets = [];
    private FleetPlan _fleet = new("imported", Default, null, null, false);
    /// <summary>Indent of the current fleet's sections: 0 in the short form, 4 under <c>fleets:</c>.</summary>
    private int _i;
    private string _notePrefix = "";

    /// <summary>Each deployment group deploys to each of its Auto Scaling groups that --asg describes (one fleet each) or,
    /// with none, to the instances its tags pick (a fixed fleet); an Auto Scaling group no deployment group names is a
    /// fleet of its own when no deployment group was given, and left out (noted) otherwise.</summary>
    private void PairFleets()
    {
        var claimed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var g in _groups)
        {
            var named = g.AutoScalingGroups.Select(a => a.Name).ToList();
            var described = _asgs.Where(a => named.Contains(a.Name)).ToList();
            if (named.Count == 0)
            {
                Add(g.Name, "the deployment group's name", null, g, tagBased: true);
                continue;
            }
            foreach (var missing in named.Where(n => !described.Any(a => a.Name == n)).ToList())
            {
                if (described.Count == 0 && _groups.Count == 1 && _asgs.Count == 1) continue;
                Notes.Add($"{g.Name}: Auto Scaling group {missing} is not described by --asg" + (described.Count > 0 ? ": left out" : ": capacity and health checks are defaults"));
            }
            if (described.Count == 0)
            {
                var lone = _groups.Count == 1 && _asgs.Count == 1 ? _asgs[0] : null;
                if (lone is not null)
                {
                    Notes.Add($"the deployment group names {string.Join(", ", named)}, but --asg describes {lone.Name}: imported {lone.Name}");
                    claimed.Add(lone.Name);
                }
                Add(g.Name, "the deployment group's name", lone, g, tagBased: false);
                continue;
            }
            foreach (var a in described)
            {
                Add(described.Count == 1 ? g.Name : a.Name, described.Count == 1 ? "the deployment group's name" : $"Auto Scaling group of deployment group {g.Name}", a, g, tagBased: false);
                claimed.Add(a.Name);
            }
        }
        foreach (var a in _asgs.Where(a => !claimed.Contains(a.Name)))
        {
            if (_groups.Count > 0) Notes.Add($"Auto Scaling group {a.Name} is left out: no deployment group in --deployment-group deploys to it");
            else Add(a.Name, "the Auto Scaling group's name", a, null, tagBased: false);
        }
        if (_fleets.Count == 0) _fleets.Add(_fleet);
    }

    private void Add(string name, string why, AsgOutput? asg, DeploymentGroupOutput? group, bool tagBased)
    {
        string unique = name;
        for (int n = 2; _fleets.Any(f => f.Name == unique); n++) unique = $"{name}-{n}";
        _fleets.Add(new FleetPlan(unique, why, asg, group, tagBased));
    }

    /// <summary>Makes <paramref name="fleet"/> the one being written.</summary>
    private void Use(FleetPlan fleet, int indent)
    {
        _fleet = fleet;
        _asg = fleet.Asg;
        _group = fleet.Group;
        _i = indent;
        _notePrefix = _fleets.Count > 1 ? $"fleet {fleet.Name}: " : "";
    }

    /// <summary>A note about the fleet being written (named when there are several), said once.</summary>
    private void Note(string text)
    {
        var note = _notePrefix + text;
        if (!Notes.Contains(note)) Notes.Add(note);
    }

    public string Write()
    {
        var y = new YamlLines();
        y.Raw($"# yaml-language-server: $schema={SchemaPath()}");
        y.Comment("Imported by 'deploysim import' from:");
        foreach (var s in _sources) y.Comment("  " + s);
        y.Comment("Fields marked 'default' were not in the inputs: they hold the simulator's defaults; check them. "
            + "Durations of the lifecycle events are defaults too: fit them to past deployments with "
            + $"'deploysim fit --targets TARGETS.json... --scenario {Path.GetFileName(request.Out)} --out FITTED.yaml'.");
        bool several = _fleets.Count > 1;
        var applications = _groups.Select(g => g.ApplicationName).Distinct().ToList();
        if (several)
        {
            bool one = applications is [{ } app];
            y.Key(0, "name", YamlText.Str(one ? applications[0]! : "imported"), one ? "the deployment groups' application" : Default);
        }
        else
        {
            var f = _fleets[0];
            y.Key(0, "name", YamlText.Str(f.Group?.Name ?? f.Asg?.Name ?? "imported"),
                f.Group is not null ? "the deployment group's name" : f.Asg is not null ? "the Auto Scaling group's name" : Default);
        }
        var d = new Scenario { Name = "", Fleets = [] };
        y.Key(0, "seed", YamlText.Int((long)d.Seed), Default);
        y.Key(0, "replications", YamlText.Int(d.Replications), Default);
        var horizon = _fleets.Select(f => { Use(f, 0); return Horizon(d); }).Max();
        y.Key(0, "horizon", YamlText.Duration(horizon), horizon == d.Horizon ? Default : "estimated to cover the rollout; raise it if runs end unfinished");
        if (!several)
        {
            Use(_fleets[0], 0);
            FleetSections(y);
            return y.ToString();
        }
        y.Key(0, "fleets", comment: $"{_fleets.Count} fleets, each deployed in its own world");
        foreach (var f in _fleets)
        {
            Use(f, 4);
            y.Item(2, "name", YamlText.Str(f.Name), f.Why);
            FleetSections(y);
        }
        return y.ToString();
    }

    private void FleetSections(YamlLines y)
    {
        Instances(y);
        AutoScaling(y);
        OpsWorks(y);
        var targetGroups = TargetGroups(y);
        Unicorn(y);
        y.Key(_i, "traffic").Key(_i + 2, "requestsPerSecond", YamlText.Number(new TrafficSpec().RequestsPerSecond), Default + ": set the demand to see serving capacity");
        Deployment(y, targetGroups);
    }
}
