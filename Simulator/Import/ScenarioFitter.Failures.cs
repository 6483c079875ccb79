using System.Globalization;
using DeploySim.Engine;
using DeploySim.Scenarios;
using MathNet.Numerics;

namespace DeploySim.Import;

// What the history says beyond durations: how often each lifecycle event failed, and how often the fitted duration
// would run past a script's timeout.
internal static partial class ScenarioFitter
{
    /// <summary>Below this probability per instance a timeout is not worth a warning.</summary>
    internal const double TimeoutWarningProbability = 1e-4;

    /// <summary>The event's observed failure rate, failed over the instances that ran it (succeeded or failed), on the
    /// script that holds its fitted duration (<paramref name="scriptPath"/>: the script's mapping), with the reasons the
    /// history gives (errorCode). The model fails a script with its failureRate (SCRIPT_FAILED), so the fitted scenario
    /// fails the event as often as observed.</summary>
    private static void FitFailureRate(YamlEditor editor, DeploymentHistory history, EventObservations obs, object[] scriptPath, List<string> notes)
    {
        int succeeded = obs.Seconds.Length + obs.NoTimes;
        int ran = succeeded + obs.Failed;
        if (ran == 0) return;
        double rate = (double)obs.Failed / ran;
        var reasons = history.Events.Where(e => e.Event == obs.Event && e.Status == "Failed")
            .GroupBy(e => string.IsNullOrEmpty(e.ErrorCode) ? "no error code" : e.ErrorCode)
            .OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key} {g.Count()}").ToList();
        string why = string.Create(CultureInfo.InvariantCulture, $"fitted: {obs.Failed} of {ran} instances failed {obs.Event}")
            + (reasons.Count > 0 ? $" ({string.Join(", ", reasons)})" : "");
        if (obs.Failed == 0 && editor.Scalar([.. scriptPath, "failureRate"]) is null) return;   // nothing observed, nothing written
        editor.Set([.. scriptPath, "failureRate"], YamlText.Number(Math.Round(rate, 6)), why);
        if (obs.Failed > 0) notes.Add($"{obs.Event}: failure rate {rate.ToString("0.####", CultureInfo.InvariantCulture)} ({why[8..]})");
    }

    private const string FailureRateFittedOn = "failure rate fitted on";

    /// <summary>An event with no successful observation but failures still has a failure rate: it goes to the event's first
    /// script that does not wait (no duration to carry); returns what was done, for the event's note.</summary>
    private static string FailedEverywhere(YamlEditor editor, DeploymentHistory history, EventObservations obs, DeploymentSpec spec, bool appspec, List<string> notes)
    {
        if (obs.Failed == 0 || !spec.Hooks.TryGetValue(obs.Event, out var scripts)) return "";
        int i = Enumerable.Range(0, scripts.Count).FirstOrDefault(i => !s_waiting.Contains(scripts[i].Action), -1);
        if (i < 0) return "";
        FitFailureRate(editor, history, obs, ScriptPath(appspec, obs.Event, i, scripts[i].Location)[..^1], notes);
        return $"; {FailureRateFittedOn} {scripts[i].Location}";
    }

    /// <summary>A warning when the fitted duration runs past the script's timeout (or the event's 3600 s) with a
    /// probability worth saying: per instance, and per run of <paramref name="instances"/> instances.</summary>
    private static void WarnOfTimeouts(LifecycleEvent ev, string location, DurationFit fit, SimDuration timeout, int instances, List<string> notes)
    {
        double limit = Math.Min(timeout.TotalSeconds, ScenarioFormat.MaxEventTimeout.TotalSeconds);
        double p = Exceeds(fit, limit);
        if (p < TimeoutWarningProbability) return;
        double perRun = 1 - Math.Pow(1 - p, Math.Max(1, instances));
        notes.Add(string.Create(CultureInfo.InvariantCulture,
            $"warning: {ev}: the fitted duration of {location} ({fit.Describe()}) runs past its {limit:0} s timeout with probability {p:0.####} per instance, "
            + $"{perRun:0.####} per run of {instances} instances (SCRIPT_TIMED_OUT)"));
    }

    /// <summary>P(duration &gt; seconds) under the fit: the lognormal's tail, or the share of observations above.</summary>
    internal static double Exceeds(DurationFit fit, double seconds) => fit.Model switch
    {
        FitModel.LogNormal => 0.5 * SpecialFunctions.Erfc((Math.Log(seconds) - fit.Mu) / (fit.Sigma * Math.Sqrt(2))),
        _ => fit.Values.Count(v => v > seconds) / (double)fit.N,
    };
}
