using DeploySim.Scenarios;
using ScottPlot;

namespace DeploySim.Reporting.Plots;

/// <summary>The one palette of every plot: target states, lifecycle events, OOM kills, failures, demand, capacity and
/// strategies. A state or event has the same colour in the timeline, the capacity band, the memory plot and the
/// report; red is kept for failures and OOM kills.</summary>
/// <remarks>Target states follow the ALB console's reading: healthy green, initial light blue (registering, not yet
/// passing), draining amber, unhealthy orange, unused grey. Lifecycle events take blues (traffic off), purples
/// (install) and teals (traffic back on) in lifecycle order, so that a rollout reads left to right.</remarks>
internal static class StatePalette
{
    public static readonly Color Healthy = Color.FromHex("#2ca02c");
    public static readonly Color Initial = Color.FromHex("#9ecae1");
    public static readonly Color Draining = Color.FromHex("#f2b134");
    public static readonly Color Unhealthy = Color.FromHex("#ff7f0e");
    public static readonly Color Unused = Color.FromHex("#c7c7c7");
    public static readonly Color Failure = Color.FromHex("#d62728");
    public static readonly Color Oom = Color.FromHex("#8c0000");
    public static readonly Color Demand = Color.FromHex("#404040");
    public static readonly Color Capacity = Color.FromHex("#1f77b4");
    public static readonly Color Marker = Color.FromHex("#5a5a5a");
    public static readonly Color Launch = Color.FromHex("#bcbd22");
    public static readonly Color Boot = Color.FromHex("#dbdb8d");
    public static readonly Color Setup = Color.FromHex("#e7cb94");
    public static readonly Color Terminate = Color.FromHex("#7f7f7f");
    public static readonly Color Restart = Color.FromHex("#393b79");
    public static readonly Color Alarm = Color.FromHex("#e377c2");

    private static readonly Dictionary<string, Color> s_targetStates = new(StringComparer.Ordinal)
    {
        ["healthy"] = Healthy,
        ["initial"] = Initial,
        ["draining"] = Draining,
        ["unhealthy"] = Unhealthy,
        ["unused"] = Unused,
    };

    private static readonly Dictionary<LifecycleEvent, Color> s_events = new()
    {
        [LifecycleEvent.BeforeBlockTraffic] = Color.FromHex("#c6dbef"),
        [LifecycleEvent.BlockTraffic] = Color.FromHex("#6baed6"),
        [LifecycleEvent.AfterBlockTraffic] = Color.FromHex("#2171b5"),
        [LifecycleEvent.ApplicationStop] = Color.FromHex("#08306b"),
        [LifecycleEvent.DownloadBundle] = Color.FromHex("#dadaeb"),
        [LifecycleEvent.BeforeInstall] = Color.FromHex("#bcbddc"),
        [LifecycleEvent.Install] = Color.FromHex("#9e9ac8"),
        [LifecycleEvent.AfterInstall] = Color.FromHex("#756bb1"),
        [LifecycleEvent.ApplicationStart] = Color.FromHex("#54278f"),
        [LifecycleEvent.ValidateService] = Color.FromHex("#3f007d"),
        [LifecycleEvent.BeforeAllowTraffic] = Color.FromHex("#9edae5"),
        [LifecycleEvent.AllowTraffic] = Color.FromHex("#17becf"),
        [LifecycleEvent.AfterAllowTraffic] = Color.FromHex("#0e7c86"),
    };

    private static readonly Dictionary<string, Color> s_others = new(StringComparer.Ordinal)
    {
        ["launch"] = Launch,
        ["boot"] = Boot,
        ["setup"] = Setup,
        ["terminate"] = Terminate,
        ["unhealthy: replace"] = Unhealthy,
        ["instance failure"] = Failure,
        ["OOM kill"] = Oom,
        ["USR2"] = Restart,
        ["restarted"] = Restart,
        ["bad revision detected"] = Alarm,
    };

    private static readonly Color[] s_strategies = [Color.FromHex("#1f77b4"), Color.FromHex("#9467bd"), Color.FromHex("#8c564b"), Color.FromHex("#17becf")];

    /// <summary>The target states in the order a target passes through them.</summary>
    public static readonly string[] TargetStates = ["unused", "initial", "healthy", "draining", "unhealthy"];

    /// <summary>A target state's colour (<c>healthy</c>, <c>initial</c>, …), or null when the name is no target state.</summary>
    public static Color? TargetState(string name) => s_targetStates.TryGetValue(name, out var c) ? c : null;

    /// <summary>The colour of any span name of the timeline: a target state, a lifecycle event, an Auto Scaling, EC2,
    /// OpsWorks, unicorn or alarm event; other names (a pipeline's actions) get the marker grey.</summary>
    public static Color Of(string name) =>
        s_targetStates.TryGetValue(name, out var c) ? c
        : Enum.TryParse<LifecycleEvent>(name, out var ev) && Enum.IsDefined(ev) ? s_events[ev]
        : s_others.TryGetValue(name, out c) ? c
        : Marker;

    /// <summary>A lifecycle event's colour.</summary>
    public static Color Of(LifecycleEvent ev) => s_events[ev];

    /// <summary>A strategy's colour, the same in every comparison (not red, not green: those are states).</summary>
    public static Color Of(StrategyKind strategy) => s_strategies[(int)strategy % s_strategies.Length];

    /// <summary>The colour of the <paramref name="index"/>-th configuration of a comparison whose items are no strategies.</summary>
    public static Color Series(int index) => s_strategies[index % s_strategies.Length];
}
