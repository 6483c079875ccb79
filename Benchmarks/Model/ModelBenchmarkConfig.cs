using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace DeploySim.Benchmarks.Model;

/// <summary>Adds an events-per-second column (the benchmark's deterministic event count over its mean time) and shows
/// scenario file names in full.</summary>
public sealed class ModelBenchmarkConfig : ManualConfig
{
    public ModelBenchmarkConfig()
    {
        AddColumn(new EventsPerSecondColumn());
        SummaryStyle = SummaryStyle.Default.WithMaxParameterColumnWidth(40);
    }
}

/// <summary>Events per second of a benchmark: its deterministic event count per operation (by default from
/// <see cref="EventCounts"/>) over the mean time per operation.</summary>
public sealed class EventsPerSecondColumn(Func<BenchmarkCase, long?>? eventsPerOperation = null) : IColumn
{
    private readonly Func<BenchmarkCase, long?> _events = eventsPerOperation ?? (c => EventCounts.PerOperation(BenchmarkId.Of(c)));

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
        if (stats is null) return "-";
        long? events = _events(benchmarkCase);
        return events is null ? "-" : (events.Value / (stats.Mean / 1e9)).ToString("N0", System.Globalization.CultureInfo.InvariantCulture);
    }
}
