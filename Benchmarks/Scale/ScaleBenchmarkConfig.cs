using DeploySim.Benchmarks.Model;
using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using DeploySim.Model;

namespace DeploySim.Benchmarks.Scale;

/// <summary>Adds the scale columns: events per second and bytes allocated per simulated instance.</summary>
public sealed class ScaleBenchmarkConfig : ManualConfig
{
    public ScaleBenchmarkConfig()
    {
        AddColumn(new EventsPerSecondColumn(ScaleEvents.Of));
        AddColumn(new AllocatedPerInstanceColumn());
    }

    /// <summary>The scenario a scale benchmark case runs (its method name says the rollout, its parameter the fleet).</summary>
    internal static DeploySim.Scenarios.Scenario ScenarioOf(BenchmarkCase c) => c.Descriptor.WorkloadMethod.Name switch
    {
        nameof(ScaleRolloutBenchmarks.GracefulRestart_Parallel) => ScaleScenarios.Fleet(Instances(c), ScaleRollout.GracefulRestart),
        nameof(ScaleRolloutBenchmarks.InPlace_AllAtOnce) => ScaleScenarios.Fleet(Instances(c), ScaleRollout.InPlaceAllAtOnce),
        nameof(ScaleBenchmarks.InPlace_TenPercent) => ScaleCases.Build(ScaleCase.InPlaceTenPercent, Instances(c), 1),
        _ => ScaleCases.Build(ScaleCase.Steady, Instances(c), 1),
    };

    internal static int Instances(BenchmarkCase c) => (int)c.Parameters[nameof(ScaleBenchmarks.Instances)];
}

/// <summary>Event counts of the scale cases: deterministic, so each scenario is run once and remembered.</summary>
internal static class ScaleEvents
{
    private static readonly Dictionary<string, long> Events = [];

    public static long? Of(BenchmarkCase benchmarkCase)
    {
        if (benchmarkCase.Descriptor.Baseline) return 1;   // the reference: one hold per operation
        var scenario = ScaleBenchmarkConfig.ScenarioOf(benchmarkCase);
        lock (Events)
        {
            if (!Events.TryGetValue(scenario.Name, out long events))
                Events[scenario.Name] = events = ScenarioRunner.Run(scenario, 1, checkInvariants: false).Replications.Sum(r => r.EventsProcessed);
            return events;
        }
    }
}

/// <summary>Bytes allocated per operation divided by the fleet size: what one simulated instance costs in memory.</summary>
public sealed class AllocatedPerInstanceColumn : IColumn
{
    public string Id => nameof(AllocatedPerInstanceColumn);
    public string ColumnName => "Alloc/instance";
    public bool AlwaysShow => true;
    public ColumnCategory Category => ColumnCategory.Custom;
    public int PriorityInCategory => 1;
    public bool IsNumeric => true;
    public UnitType UnitType => UnitType.Size;
    public string Legend => "Bytes allocated per operation per simulated instance";
    public bool IsAvailable(Summary summary) => true;
    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        var report = summary[benchmarkCase];
        if (report is null || report.GcStats.GetBytesAllocatedPerOperation(benchmarkCase) is not { } bytes) return "-";
        return (bytes / (double)ScaleBenchmarkConfig.Instances(benchmarkCase)).ToString("N0", CultureInfo.InvariantCulture) + " B";
    }
}
