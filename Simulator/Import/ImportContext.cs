using DeploySim.Cloud.CodeDeploy;
using DeploySim.Engine;
using DeploySim.Reporting;
using DeploySim.Scenarios;
using static DeploySim.Import.ScenarioImporter;

namespace DeploySim.Import;

/// <summary>One <c>deploysim import</c>: reads the inputs (this file), writes the fleet (ImportContext.Fleet.cs) and the
/// deployment (ImportContext.Deployment.cs), collecting notes on what the scenario cannot carry over.</summary>
internal sealed partial class ImportContext(ImportRequest request)
{
    public List<string> Notes { get; } = [];
    public string? AppSpecRelative { get; private set; }
    public string? AppSpecText { get; private set; }
    public string? AppSpecCopyPath { get; private set; }
    /// <summary>True when the appspec is written inline under <c>deployment.appspec</c> (the default).</summary>
    public bool AppSpecInline { get; private set; }

    private readonly List<string> _sources = [];
    private readonly List<AsgOutput> _asgs = [];
    private readonly List<DeploymentGroupOutput> _groups = [];
    private IReadOnlyList<LifecycleHookOutput>? _hooks;
    private IReadOnlyList<TargetGroupOutput>? _targetGroups;
    private readonly Dictionary<string, TargetGroupAttributesOutput> _attributes = new(StringComparer.Ordinal);
    private DeploymentConfigOutput? _config;
    private IReadOnlyList<MetricAlarmOutput>? _alarms;
    private AppSpecHooks? _appspec;

    /// <summary>The fleet being written (ImportContext.Fleets.cs sets it): its Auto Scaling group and deployment group.</summary>
    private AsgOutput? _asg;
    private DeploymentGroupOutput? _group;

    public void ReadAll()
    {
        if (request.DeploymentGroup is { } dgFile)
        {
            _groups.AddRange(AwsOutputs.DeploymentGroups(JsonInput.Read(dgFile)));
            _sources.Add($"--deployment-group {dgFile} (deployment group{(_groups.Count == 1 ? "" : "s")} {string.Join(", ", _groups.Select(g => g.Name))})");
        }
        foreach (var asgFile in request.AutoScalingGroups)
        {
            var input = JsonInput.Read(asgFile);
            var described = AwsOutputs.AutoScalingGroups(input);
            foreach (var g in described)
            {
                if (_asgs.Any(x => x.Name == g.Name))
                {
                    input.Error(g.At, $"Auto Scaling group {g.Name} is described twice (in more than one --asg file or twice in one)");
                    throw new ScenarioException(input.Errors);
                }
                _asgs.Add(g);
            }
            _sources.Add($"--asg {asgFile} (Auto Scaling group{(described.Count == 1 ? "" : "s")} {string.Join(", ", described.Select(g => g.Name))})");
        }
        if (request.LifecycleHooks is { } hooksFile)
        {
            _hooks = AwsOutputs.LifecycleHooks(JsonInput.Read(hooksFile));
            _sources.Add($"--lifecycle-hooks {hooksFile} ({_hooks.Count} hooks)");
        }
        if (request.TargetGroups is { } tgFile)
        {
            _targetGroups = AwsOutputs.TargetGroups(JsonInput.Read(tgFile));
            _sources.Add($"--target-groups {tgFile} ({string.Join(", ", _targetGroups.Select(t => t.Name))})");
        }
        foreach (var (name, file) in request.TargetGroupAttributes)
        {
            var attributes = AwsOutputs.TargetGroupAttributes(JsonInput.Read(file));
            string key = NameOf(name);
            if (_targetGroups is not null && !_targetGroups.Any(t => t.Name == key))
            {
                throw new ScenarioException(new ScenarioError("--target-group-attributes", 0, 0, "",
                    $"'{name}={file}': no target group '{key}' in {request.TargetGroups} (it has {string.Join(", ", _targetGroups.Select(t => t.Name))})"));
            }
            if (!_attributes.TryAdd(key, attributes))
                throw new ScenarioException(new ScenarioError("--target-group-attributes", 0, 0, "", $"target group '{key}' is given twice"));
            _sources.Add($"--target-group-attributes {key}={file}");
        }
        if (request.DeploymentConfig is { } configFile)
        {
            _config = AwsOutputs.DeploymentConfig(JsonInput.Read(configFile));
            _sources.Add($"--deployment-config {configFile} ({_config.Name})");
        }
        if (request.Alarms is { } alarmsFile)
        {
            var (metric, composite) = AwsOutputs.Alarms(JsonInput.Read(alarmsFile));
            _alarms = metric;
            foreach (var c in composite) Notes.Add($"composite alarm {c} is not modelled (DeploySim models one metric alarm)");
            _sources.Add($"--alarms {alarmsFile} ({metric.Count} metric alarm{(metric.Count == 1 ? "" : "s")})");
        }
        if (request.AppSpec is { } appspecFile) ReadAppSpec(appspecFile);
        PairFleets();
    }

    /// <summary>A target group named by name or by ARN (…:targetgroup/NAME/id).</summary>
    private static string NameOf(string nameOrArn)
    {
        int at = nameOrArn.IndexOf(":targetgroup/", StringComparison.Ordinal);
        if (at < 0) return nameOrArn;
        var rest = nameOrArn[(at + ":targetgroup/".Length)..];
        int slash = rest.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? rest : rest[..slash];
    }

    private void ReadAppSpec(string path)
    {
        var full = Path.GetFullPath(path);
        var dir = Path.GetDirectoryName(full) ?? ".";
        var read = new ReadContext(new ScenarioFiles(dir, Path.GetDirectoryName(path) ?? ""));
        var at = new YamlScalar("--appspec", 0, 0, path, isPlain: true);
        _appspec = AppSpecReader.Read(read, Path.GetFileName(full), at, "--appspec");
        if (read.Errors.Count > 0 || _appspec is null)
            throw new ScenarioException(read.Errors.Count > 0 ? read.Errors : [new ScenarioError(path, 0, 0, "", "cannot read the appspec")]);
        AppSpecText = File.ReadAllText(full);
        foreach (var w in read.Warnings) Notes.Add($"appspec: {w}");
        string? why = null;
        if (!request.AppSpecFile) _inlineLines = InlineLines(AppSpecText, out why);
        AppSpecInline = _inlineLines is not null;
        if (why is not null) Notes.Add($"the appspec is referenced as a file, not written inline: {why}");
        if (AppSpecInline)
        {
            _sources.Add($"--appspec {path} (written inline under deployment.appspec)");
            return;
        }
        var outFull = Path.GetFullPath(request.Out);
        var outDir = Path.GetDirectoryName(outFull) ?? ".";
        if (string.Equals(Path.GetFullPath(outDir), dir, StringComparison.Ordinal))
        {
            AppSpecRelative = Path.GetFileName(full);
        }
        else
        {
            AppSpecRelative = Path.GetFileNameWithoutExtension(outFull) + ".appspec.yml";
            AppSpecCopyPath = Path.Combine(outDir, AppSpecRelative);
        }
        _sources.Add($"--appspec {path}" + (AppSpecCopyPath is null ? "" : $" (copied to {AppSpecRelative})"));
    }
}
