using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using DeploySim.World;

namespace DeploySim.Benchmarks.Model;

/// <summary>Adds an events-per-second column: the benchmark's deterministic event count over its mean time.</summary>
public sealed class ModelBenchmarkConfig : ManualConfig
{
    public ModelBenchmarkConfig() => AddColumn(new EventsPerSecondColumn());
}

/// <summary>Events per second of a single-replication benchmark (the event count is deterministic: it is measured once).</summary>
public sealed class EventsPerSecondColumn : IColumn
{
    private static readonly Dictionary<string, long> Events = [];

    public string Id => nameof(EventsPerSecondColumn);
    public string ColumnName => "Events/s";
    public bool AlwaysShow => true;
    public ColumnCategory Category => ColumnCategory.Custom;
    public int PriorityInCategory => 0;
    public bool IsNumeric => true;
    public UnitType UnitType => UnitType.Dimensionless;
    public string Legend => "Simulated events dispatched per second of wall-clock time";
    public bool IsAvailable(Summary summary) => true;
    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        var stats = summary[benchmarkCase]?.ResultStatistics;
        var scenario = benchmarkCase.Descriptor.WorkloadMethod.Name switch
        {
            nameof(RolloutBenchmarks.InPlace_OneAtATime_1000) => BenchmarkScenarios.OneAtATime1000,
            nameof(RolloutBenchmarks.InPlace_HalfAtATime_1000_TwoGroups) or nameof(RolloutBenchmarks.FreshWorld_HalfAtATime_1000_TwoGroups) => BenchmarkScenarios.HalfAtATime1000TwoGroups,
            nameof(RolloutBenchmarks.MonteCarlo_100x100_Serial) or nameof(RolloutBenchmarks.MonteCarlo_100x100_Parallel) => BenchmarkScenarios.MonteCarlo100,
            _ => null,
        };
        if (stats is null || scenario is null) return "-";
        long events;
        lock (Events)
        {
            if (!Events.TryGetValue(scenario.Name, out events))
                Events[scenario.Name] = events = ScenarioRunner.Run(scenario, 1).Replications.Sum(r => r.EventsProcessed);
        }
        return (events / (stats.Mean / 1e9)).ToString("N0", System.Globalization.CultureInfo.InvariantCulture);
    }
}
