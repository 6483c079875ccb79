using System.Globalization;
using DeploySim.Engine;
using DeploySim.Reporting;
using DeploySim.Scenarios;

namespace DeploySim.Import;

/// <summary>What <c>deploysim fit</c> did with one lifecycle event.</summary>
/// <param name="Event">The lifecycle event.</param>
/// <param name="Observed">What the history says about it.</param>
/// <param name="Fit">The fitted distribution, or null when the event was not fitted.</param>
/// <param name="Target">The scenario field that received it (<c>deployment.installTime</c>, a script's duration), or empty.</param>
/// <param name="Note">Why it was not fitted, or how the fit was placed.</param>
internal sealed record EventFit(LifecycleEvent Event, EventObservations Observed, DurationFit? Fit, string Target, string Note);

/// <summary>The fitted scenario text and what went into it.</summary>
internal sealed record FitResult(string Text, IReadOnlyList<EventFit> Events, IReadOnlyList<string> Notes, int Deployments, int Instances, GapFit Gap);

/// <summary>Fits a distribution to each lifecycle event of past deployments and writes it into a scenario.</summary>
/// <remarks>
/// How the events map onto the model:
/// <list type="bullet">
/// <item>DownloadBundle → <c>deployment.downloadBundleTime</c>; Install → <c>deployment.installTime</c>.</item>
/// <item>Script events (ApplicationStop, BeforeInstall, AfterInstall, ApplicationStart, ValidateService,
/// Before/AfterBlockTraffic, Before/AfterAllowTraffic) → the duration of that event's scripts. CodeDeploy reports one
/// time per event, not per script, so when an event has several scripts the whole fitted distribution goes to one of
/// them (the one with the longest current mean duration; first in the appspec on ties) and the others' durations are set
/// to 0: the event's total then has exactly the fitted distribution, which splitting it into independent parts would
/// narrow. Scripts whose action waits (waitForOpsWorks, registerTargetGroup, deregisterTargetGroup) keep their duration,
/// since the model simulates the wait; an event with only such scripts is not fitted. With an appspec, <c>scripts:</c>
/// holds one duration per script file: a file that runs in two fitted events takes the first event's fit (the second is
/// reported); inline <c>hooks:</c> have no such limit.</item>
/// <item>Events the scenario runs without scripts (no hooks for them) → <c>deployment.emptyEventTime</c>, one
/// distribution fitted to all of them pooled; the gaps between an instance's consecutive events →
/// <c>deployment.agentEventGap</c> (docs/model.md#agent-event-gap).</item>
/// <item>BlockTraffic and AllowTraffic are not fitted: they emerge from the target groups' health checks and draining.
/// Their observed statistics are reported with the settings that make them.</item>
/// <item>Failed, skipped and unfinished events are left out of the fits, counted and reported.</item>
/// </list>
/// The scenario's text is edited in place (comments and layout are kept; a summary block is added after the schema
/// line). Relative paths in it (the appspec, empirical files) are rewritten for the output's folder. The result is
/// validated by the scenario loader before it is written.
/// </remarks>
internal static partial class ScenarioFitter
{
    public const string HeaderMarker = "deploysim fit";

    private static readonly ScriptAction[] s_waiting = [ScriptAction.WaitForOpsWorks, ScriptAction.RegisterTargetGroup, ScriptAction.DeregisterTargetGroup];


    public static FitResult Fit(string scenarioPath, DeploymentHistory history, string outPath, IReadOnlyList<string> targetFiles)
    {
        var scenario = ScenarioLoader.Load(scenarioPath);
        if (!ScenarioFiles.TryReadDisk(scenarioPath, out var text, out var readError))
            throw new ScenarioException(new ScenarioError(scenarioPath, 0, 0, "", readError));
        var editor = new YamlEditor(text);
        var spec = scenario.Fleet.Deployment;
        bool appspec = spec.FromAppSpec;
        var notes = new List<string>(history.Notes);
        var events = new List<EventFit>();
        var owner = new Dictionary<string, LifecycleEvent>(StringComparer.Ordinal);
        var usedIn = spec.Hooks.SelectMany(kv => kv.Value.Select(s => (kv.Key, s.Location)))
            .GroupBy(x => x.Location, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Select(x => x.Key).Distinct().ToList(), StringComparer.Ordinal);

        var empty = FitEmptyEvents(editor, history, spec);
        foreach (var obs in history.ByEvent())
        {
            var ev = obs.Event;
            if (ev is LifecycleEvent.BlockTraffic or LifecycleEvent.AllowTraffic)
            {
                events.Add(new EventFit(ev, obs, null, "", TrafficNote(scenario.Fleet, ev, obs)));
                continue;
            }
            if (obs.Seconds.Length == 0)
            {
                events.Add(new EventFit(ev, obs, null, "", "not fitted: no successful observation with a start and an end" + FailedEverywhere(editor, history, obs, spec, appspec, notes)));
                continue;
            }
            var fit = DurationFit.Fit(obs.Seconds);
            string comment = Comment(fit);
            if (ev is LifecycleEvent.DownloadBundle or LifecycleEvent.Install)
            {
                string key = ev == LifecycleEvent.DownloadBundle ? "downloadBundleTime" : "installTime";
                editor.Set(["deployment", key], YamlText.Distribution(fit.ToDistribution()), comment);
                events.Add(new EventFit(ev, obs, fit, "deployment." + key, ""));
                continue;
            }
            if (!spec.Hooks.TryGetValue(ev, out var scripts) || scripts.Count == 0)
            {
                events.Add(EmptyEvent(obs, fit, empty));
                continue;
            }
            var candidates = Enumerable.Range(0, scripts.Count).Where(i => !s_waiting.Contains(scripts[i].Action)).ToList();
            if (candidates.Count == 0)
            {
                var actions = string.Join(", ", scripts.Select(s => ScenarioFormat.Action.WordOf(s.Action)).Distinct());
                events.Add(new EventFit(ev, obs, fit, "", $"not fitted: its scripts wait ({actions}), so the model makes the time"));
                continue;
            }
            bool Shared(int i) => appspec && usedIn.TryGetValue(scripts[i].Location, out var list) && list.Count > 1;
            int chosen = candidates
                .OrderBy(i => Shared(i) ? 1 : 0)
                .ThenByDescending(i => scripts[i].Duration.Mean)
                .ThenBy(i => i)
                .First();
            var location = scripts[chosen].Location;
            if (appspec && owner.TryGetValue(location, out var first))
            {
                events.Add(new EventFit(ev, obs, fit, "", $"not fitted: its script {location} also runs in {first}, whose fit it holds "
                    + "(scripts: has one duration per script file; write the hooks inline to fit both)"));
                continue;
            }
            owner[location] = ev;
            editor.Set(ScriptPath(appspec, ev, chosen, location), YamlText.Distribution(fit.ToDistribution()), comment);
            FitFailureRate(editor, history, obs, ScriptPath(appspec, ev, chosen, location)[..^1], notes);
            WarnOfTimeouts(ev, location, fit, scripts[chosen].Timeout, scenario.Fleet.AutoScaling.DesiredCapacity, notes);
            var zeroed = new List<string>();
            foreach (int i in candidates.Where(i => i != chosen))
            {
                if (scripts[i].Duration is { Kind: DistributionKind.Constant, Mean: 0 }) continue;
                if (Shared(i))
                {
                    notes.Add($"{ev}: {scripts[i].Location} also runs in another event, so its duration was left as it is; {ev}'s total is longer than fitted");
                    continue;
                }
                editor.Set(ScriptPath(appspec, ev, i, scripts[i].Location), "0s", $"{ev}'s fitted time is on {location}");
                zeroed.Add(scripts[i].Location);
            }
            string target = appspec ? $"deployment.scripts[{location}].duration" : $"deployment.hooks.{ev}[{chosen}].duration";
            string note = candidates.Count > 1
                ? $"the event's {candidates.Count} scripts: all of it on {location}" + (zeroed.Count > 0 ? $", {string.Join(", ", zeroed)} set to 0s" : "")
                : "";
            if (scripts.Count > candidates.Count) note = (note.Length > 0 ? note + "; " : "") + "waiting scripts keep their durations";
            events.Add(new EventFit(ev, obs, fit, target, note));
        }

        foreach (var failed in history.Events.Where(e => e.Status == "Failed" && e.Event is not null)
                     .GroupBy(e => (e.Name, e.ErrorCode, e.ScriptName)).OrderBy(g => g.Key.Name, StringComparer.Ordinal))
        {
            string why = string.Join(", ", new[] { failed.Key.ErrorCode, failed.Key.ScriptName }.Where(s => !string.IsNullOrEmpty(s)));
            bool rated = events.Any(e => e.Event.ToString() == failed.Key.Name
                && (e.Target.StartsWith("deployment.scripts[", StringComparison.Ordinal) || e.Target.StartsWith("deployment.hooks.", StringComparison.Ordinal)
                    || e.Note.Contains(FailureRateFittedOn, StringComparison.Ordinal)));
            notes.Add($"{failed.Key.Name} failed on {failed.Count()} instance(s){(why.Length > 0 ? $" ({why})" : "")}: "
                + (rated ? "left out of the duration fit, counted in the failure rate" : "left out of the fit (no script of the scenario to carry a failure rate)"));
        }

        var gap = FitGap(editor, history, notes);
        if (events.Any(e => e.Target.StartsWith("deployment.scripts[", StringComparison.Ordinal)))
            editor.ReplaceOnKeyLine(["deployment", "scripts"], ScenarioImporter.ScriptsToBeFitted, "durations: fitted by deploysim fit (see the summary at the top)");
        RewriteRelativePaths(editor, scenarioPath, outPath);
        editor.SetHeader(HeaderMarker, Header(history, events, gap, targetFiles));
        var outDir = Path.GetDirectoryName(Path.GetFullPath(outPath)) ?? ".";
        var errors = ScenarioLoader.ValidateText(editor.Text, outPath, outDir);
        if (errors.Count > 0)
        {
            throw new ScenarioException([
                new ScenarioError(outPath, 0, 0, "", "internal error: the fitted scenario does not validate (nothing was written); please report it"),
                .. errors,
            ]);
        }
        return new FitResult(editor.Text, events, notes, history.Deployments, history.Instances, gap);
    }

    private static object[] ScriptPath(bool appspec, LifecycleEvent ev, int index, string location) =>
        appspec ? ["deployment", "scripts", location, "duration"] : ["deployment", "hooks", ev.ToString(), index, "duration"];

    private static string Comment(DurationFit fit) => fit.Model switch
    {
        FitModel.LogNormal => FormattableString.Invariant($"fitted: lognormal MLE, n={fit.N}, KS D={fit.KsStatistic:0.###} (p={fit.KsPValue:0.###})"),
        FitModel.Constant => FormattableString.Invariant($"fitted: constant, n={fit.N}"),
        _ => FormattableString.Invariant($"fitted: empirical, n={fit.N} ({fit.Reason})"),
    };

    private static List<string> Header(DeploymentHistory history, List<EventFit> events, GapFit gap, IReadOnlyList<string> files)
    {
        var lines = new List<string>
        {
            string.Create(CultureInfo.InvariantCulture,
                $"Lifecycle event times fitted to {history.Deployments} deployment(s), {history.Instances} instance(s), from: {string.Join(", ", files.Select(Path.GetFileName))}"),
            $"Lognormal by maximum likelihood; the observations themselves (empirical) below {DurationFit.MinPointsForLogNormal} points or when KS rejects the lognormal (p < {DurationFit.RejectPValue.ToString(CultureInfo.InvariantCulture)}).",
        };
        foreach (var e in events)
        {
            var o = e.Observed;
            string excluded = o.Excluded > 0 ? $"; left out: {o.Failed} failed, {o.Skipped} skipped, {o.Other} unfinished, {o.NoTimes} without times" : "";
            string what = e.Fit is not null && e.Target.Length > 0 ? $"{e.Fit.Describe()} -> {e.Target}" : e.Note;
            lines.Add($"  {e.Event}: n={o.Seconds.Length}{excluded}: {what}");
        }
        lines.Add($"  gap between events: n={gap.Observed.Length}: " + (gap.Fit is not null ? $"{gap.Fit.Describe()} -> {gap.Target}" : gap.Note));
        lines.Add("Check the result with: deploysim replay THIS-FILE --targets ...");
        return lines;
    }

    /// <summary>Makes relative file references (the appspec, empirical CSV files) point at the same files from the output's folder.</summary>
    private static void RewriteRelativePaths(YamlEditor editor, string scenarioPath, string outPath)
    {
        var from = Path.GetDirectoryName(Path.GetFullPath(scenarioPath)) ?? ".";
        var to = Path.GetDirectoryName(Path.GetFullPath(outPath)) ?? ".";
        if (string.Equals(from, to, StringComparison.Ordinal)) return;
        var references = editor.ScalarsUnder("empirical").ToList();
        if (editor.Scalar("deployment", "appspec") is { } appspecPath) references.Add((["deployment", "appspec"], appspecPath));
        foreach (var (path, value) in references)
        {
            if (Path.IsPathRooted(value)) continue;
            var moved = Path.GetRelativePath(to, Path.GetFullPath(Path.Combine(from, value))).Replace('\\', '/');
            editor.Set(path, YamlText.Str(moved));
        }
    }
}
